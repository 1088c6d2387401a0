using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaymentOrchestrator.EndToEnd.Tests.Support;
using PaymentOrchestrator.Local.Demo;
using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Telemetry;
using PaymentOrchestrator.Orchestration.Webhooks;
using PaymentOrchestrator.Vipps.Http;
using PaymentOrchestrator.VippsSimulator;
using PaymentOrchestrator.VippsSimulator.Userinfo;
using Xunit;

namespace PaymentOrchestrator.EndToEnd.Tests.Telemetry;

/// <summary>
/// The local host's OpenTelemetry over real flows (Azurite, the simulator, the Durable engine), exported to in-memory
/// exporters: one trace per webshop event across the queue, the orchestration and the Vipps calls; the metrics a
/// payment moves; nothing private in any span, metric or log record.
/// </summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task a_webshop_event_and_everything_it_causes_are_one_trace_continued_from_its_traceparent()
    {
        var capture = new TelemetryCapture();
        await using var h = await TestHost.StartAsync(telemetry: capture.Configure);
        var traceId = ActivityTraceId.CreateRandom();
        var parentSpanId = ActivitySpanId.CreateRandom();
        var reference = TestHost.NewReference("trace");

        await h.SendAsync(h.PaymentRequests, WithTraceParent(h.Webshop.PaymentRequested(TestHost.Msn, reference, 12_300, "NOK"), traceId, parentSpanId));
        await h.EventuallyAsync(TestHost.PaymentKey(reference), v => v.Summary.Status == "AwaitingCustomer", "AwaitingCustomer");
        var created = await TestHost.EventuallyAsync(() => OutcomeAsync(h, "payment.created.v1", reference), "payment.created.v1 on payment-events");
        var paymentEvents = h.Host.Services.GetRequiredService<IOptions<PaymentOrchestratorOptions>>().Value.PaymentEventsQueue;
        await TelemetryCapture.FlushUntilAsync(h.Host, () => capture.Trace(traceId) is var spans
            && spans.Any(s => s.DisplayName == "process") && spans.Any(s => s.Source.Name == "DurableTask.Core")
            && spans.Any(s => s.Source.Name == VippsTelemetry.Name) && spans.Any(s => s.DisplayName == "send " + paymentEvents));

        // The outcome carries the trace onward to the webshop.
        Assert.True(ActivityContext.TryParse(created["traceparent"]?.GetValue<string>(), null, out var outcomeContext));
        Assert.Equal(traceId, outcomeContext.TraceId);

        var trace = capture.Trace(traceId);
        var intake = Assert.Single(trace, s => s.Source.Name == OrchestratorTelemetry.Name && s.DisplayName == "process");
        Assert.Equal(parentSpanId, intake.ParentSpanId);
        Assert.Equal(ActivityKind.Consumer, intake.Kind);
        Assert.Equal("payment.requested.v1", intake.GetTagItem("cloudevents.event_type"));
        Assert.Equal(TestHost.Msn, intake.GetTagItem("payment.msn"));

        // Through the Durable engine: the orchestration's and its activity's spans, and under them the Vipps call with its
        // HTTP request, all in the webshop's trace.
        Assert.Contains(trace, s => s.Source.Name == "DurableTask.Core");
        // A busy engine may run the create activity twice (at-least-once): every attempt carries the one idempotency key.
        var creates = trace.Where(s => s.Source.Name == VippsTelemetry.Name && s.DisplayName.EndsWith("create", StringComparison.Ordinal)).ToList();
        var create = Assert.Single(creates.DistinctBy(s => s.GetTagItem("vipps.idempotency_key")));
        Assert.Equal(TestHost.Msn, create.GetTagItem("payment.msn"));
        Assert.Equal(201, create.GetTagItem("http.response.status_code"));
        Assert.False(string.IsNullOrEmpty(create.GetTagItem("vipps.idempotency_key") as string));
        Assert.Contains(trace, s => s.ParentSpanId == create.SpanId && s.Kind == ActivityKind.Client);
        Assert.Contains(trace, s => s.DisplayName == "send " + paymentEvents
                                    && s.GetTagItem("cloudevents.event_type") as string == "payment.created.v1");

        // Only Vipps calls are traced over HTTP: not one of the Storage SDK's dozens of requests per saga.
        Assert.DoesNotContain(capture.Spans.Snapshot(), s => s.Kind == ActivityKind.Client && s.GetTagItem("server.port") is int port
            && port == new Uri(h.SettingsUsed["Storage:ConnectionString"]!.Split(';').Select(p => p.Split('=', 2)).First(p => p[0] == "TableEndpoint")[1]).Port);
    }

    [Fact]
    public async Task a_payments_trace_goes_on_across_a_host_restart_and_through_the_webshops_capture()
    {
        // Vipps outlives the host (an external simulator); no webhooks, so the host learns of the approval by polling,
        // from the orchestration that the payment's first event started.
        await using var vipps = await SimulatorHost.StartAsync(new SimulatorOptions { RateLimitsEnabled = false });
        var settings = new Dictionary<string, string?> { ["Local:Simulator:Enabled"] = "false", ["Local:Webhooks:Register"] = "false" };
        foreach (var (setting, value) in PaymentOrchestrator.Testing.SimulatorVippsSettings.For(vipps.BaseAddress))
        {
            settings[setting] = value;
        }

        var traceId = ActivityTraceId.CreateRandom();
        var reference = TestHost.NewReference("restart");
        var key = TestHost.PaymentKey(reference);
        var before = new TelemetryCapture();
        string suffix;
        await using (var first = await TestHost.StartAsync(settings, telemetry: before.Configure))
        {
            suffix = first.Suffix;
            await first.SendAsync(first.PaymentRequests, WithTraceParent(first.Webshop.PaymentRequested(TestHost.Msn, reference, 7_700, "NOK"), traceId, ActivitySpanId.CreateRandom()));
            await first.EventuallyAsync(key, v => v.Summary.Status == "AwaitingCustomer", "AwaitingCustomer");
            TelemetryCapture.Flush(first.Host);
        }

        await vipps.Admin.ApprovePaymentAsync(TestHost.Msn, reference);
        var after = new TelemetryCapture();
        await using var second = await TestHost.StartAsync(settings, suffix, telemetry: after.Configure);
        await second.EventuallyAsync(key, v => v.Summary.Status == "Authorized", "Authorized");

        // The webshop acts on payment.authorized within the trace it carries: the capture joins the payment's trace.
        var authorized = await TestHost.EventuallyAsync(() => OutcomeAsync(second, "payment.authorized.v1", reference), "payment.authorized.v1");
        var authorizedTrace = authorized["traceparent"]?.GetValue<string>();
        Assert.True(ActivityContext.TryParse(authorizedTrace, null, out var authorizedContext), $"traceparent {authorizedTrace}");
        Assert.Equal(traceId, authorizedContext.TraceId);
        var capture = JsonNode.Parse(second.Webshop.PaymentCaptureRequested(TestHost.Msn, reference, "ship-1", 7_700, "NOK"))!;
        capture["traceparent"] = authorizedTrace;
        await second.SendAsync(second.PaymentRequests, JsonSerializer.SerializeToUtf8Bytes(capture));
        await second.EventuallyAsync(key, v => v.Summary.CapturedMinorUnits == 7_700, "captured");
        await TelemetryCapture.FlushUntilAsync(second.Host, () => after.Trace(traceId) is var spans
            && spans.Any(s => s.DisplayName == "vipps epayment.capture") && spans.Count(s => s.DisplayName == "process") >= 1);

        Assert.Contains(before.Trace(traceId), s => s.DisplayName == "vipps epayment.create");
        var resumed = after.Trace(traceId);
        Assert.Contains(resumed, s => s.DisplayName == "vipps epayment.get");
        Assert.Contains(resumed, s => s.DisplayName == "process" && s.ParentSpanId == authorizedContext.SpanId
                                      && s.GetTagItem("cloudevents.event_type") as string == "payment.capture-requested.v1");
        Assert.Contains(resumed, s => s.DisplayName == "vipps epayment.capture");
    }

    [Fact]
    public async Task a_refused_event_is_an_error_span_a_refusal_and_a_dead_letter_counted_by_code()
    {
        var capture = new TelemetryCapture();
        await using var h = await TestHost.StartAsync(telemetry: capture.Configure);
        var traceId = ActivityTraceId.CreateRandom();

        await h.SendAsync(h.PaymentRequests, WithTraceParent(h.Webshop.PaymentRequested("654321", TestHost.NewReference(), 100, "NOK"), traceId, ActivitySpanId.CreateRandom()));
        await h.PoisonedAsync(h.PaymentRequests);
        await TelemetryCapture.FlushUntilAsync(h.Host, () => capture.Trace(traceId).Any(s => s.DisplayName == "process")
                                                             && capture.Points("payment_orchestrator.dead_letters").Count > 0);

        var intake = Assert.Single(capture.Trace(traceId), s => s.DisplayName == "process");
        Assert.Equal(ActivityStatusCode.Error, intake.Status);
        Assert.Equal("UnknownSalesUnit", intake.GetTagItem("payment.refusal_code"));
        Assert.Contains(capture.Points("payment_orchestrator.intake.refusals"), p => p.Tags["payment.refusal_code"] == "UnknownSalesUnit" && p.Value >= 1);
        Assert.Contains(capture.Points("payment_orchestrator.dead_letters"), p => p.Tags["payment.dead_letter_reason"] == "UnknownSalesUnit" && p.Value >= 1);
    }

    [Fact]
    public async Task a_captured_payment_moves_the_money_outcome_and_vipps_call_metrics()
    {
        var capture = new TelemetryCapture();
        await using var h = await TestHost.StartAsync(telemetry: capture.Configure);

        await h.CapturedPaymentAsync(TestHost.NewReference("metrics"), 45_600);
        await h.OutcomeTypesAsync("payment.captured.v1");
        await TelemetryCapture.FlushUntilAsync(h.Host, () => capture.Points("payment_orchestrator.money.moved").Any(p => p.Tags["payment.operation"] == "captured"));

        Assert.Contains(capture.Points("payment_orchestrator.money.moved"),
            p => p.Tags["payment.operation"] == "captured" && p.Tags["payment.currency"] == "NOK" && p.Value >= 45_600);
        Assert.Contains(capture.Points("payment_orchestrator.outcomes.published"), p => p.Tags["cloudevents.event_type"] == "payment.authorized.v1");
        var calls = capture.Points("payment_orchestrator.vipps.call.duration");
        Assert.Contains(calls, p => p.Tags["vipps.operation"].EndsWith("create", StringComparison.Ordinal) && p.Tags["http.response.status_class"] == "2xx" && p.Tags["vipps.outcome"] == "success");
        Assert.Contains(calls, p => p.Tags["vipps.operation"].EndsWith("capture", StringComparison.Ordinal));
        Assert.Contains(capture.Points("payment_orchestrator.vipps.token.fetches"), p => p.Tags["vipps.outcome"] == "success");
        Assert.Contains(capture.Points("payment_orchestrator.payment.creation.duration"), p => p.Tags["payment.msn"] == TestHost.Msn && p.Value >= 1);
        Assert.Contains(capture.Points("payment_orchestrator.sagas.started"), p => p.Tags["payment.saga_kind"] == "Payment" && p.Value >= 1);
    }

    [Fact]
    public async Task a_saga_that_stops_for_a_person_is_counted_finished_in_needs_attention()
    {
        var capture = new TelemetryCapture();
        await using var h = await TestHost.StartAsync(telemetry: capture.Configure);
        await h.Admin.AddFaultAsync(new FaultRule { Route = "epayment.create", Kind = FaultKind.Error, Status = 400, Count = 1 });
        var reference = TestHost.NewReference("refused");

        await h.SendAsync(h.PaymentRequests, h.Webshop.PaymentRequested(TestHost.Msn, reference, 2_500, "NOK"));
        await h.EventuallyAsync(TestHost.PaymentKey(reference), v => v.Summary.Status == "NeedsAttention", "NeedsAttention");
        // The row is saved inside the step; the step counts it after publishing: wait for the count, not only the row.
        await TelemetryCapture.FlushUntilAsync(h.Host, () => capture.Points("payment_orchestrator.sagas.finished").Count > 0);

        Assert.Contains(capture.Points("payment_orchestrator.sagas.finished"),
            p => p.Tags["payment.saga_kind"] == "Payment" && p.Tags["payment.saga_status"] == "NeedsAttention" && p.Value >= 1);
        Assert.Contains(capture.Spans.Snapshot(), s => s.DisplayName == "vipps epayment.create" && s.Status == ActivityStatusCode.Error
                                                    && s.GetTagItem("http.response.status_code") as int? == 400);
    }

    [Fact]
    public async Task the_whole_demo_exports_its_reconciliation_and_no_key_secret_token_or_customer_detail()
    {
        var capture = new TelemetryCapture();
        // As the demo runs: no configured API keys, so the host makes the session key the demo's refund uses.
        await using var h = await TestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Local:ApiKeys:0:Key"] = null, ["Local:ApiKeys:0:Name"] = null, ["Local:ApiKeys:0:Source"] = null,
            ["Local:ApiKeys:1:Key"] = null, ["Local:ApiKeys:1:Name"] = null, ["Local:ApiKeys:1:Source"] = null,
            ["Local:ApiKeys:2:Key"] = null, ["Local:ApiKeys:2:Name"] = null, ["Local:ApiKeys:2:Source"] = null,
        }, telemetry: capture.Configure);
        var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(TextWriter.Null) });
        await new DemoStory(h.Host, console).RunAsync();

        // And a payment asked by phone number (push message), whose number Vipps gets and nothing else may.
        const string phone = "4791234567";
        var pushed = TestHost.NewReference("push");
        var request = JsonNode.Parse(h.Webshop.PaymentRequested(TestHost.Msn, pushed, 5_000, "NOK"))!;
        request["data"]!["userFlow"] = "PUSH_MESSAGE";
        request["data"]!["customerPhoneNumber"] = phone;
        request["data"]!.AsObject().Remove("returnUrl");
        await h.SendAsync(h.PaymentRequests, JsonSerializer.SerializeToUtf8Bytes(request));
        await h.EventuallyAsync(TestHost.PaymentKey(pushed), v => v.Summary.Status == "AwaitingCustomer", "AwaitingCustomer");
        TelemetryCapture.Flush(h.Host);

        var secrets = new Dictionary<string, string>
        {
            ["partner client secret"] = SimulatorDefaults.PartnerClientSecret,
            ["partner subscription key"] = SimulatorDefaults.PartnerSubscriptionKey,
            ["partner secondary subscription key"] = SimulatorDefaults.PartnerSecondarySubscriptionKey,
            ["accounting client secret"] = SimulatorDefaults.AccountingClientSecret,
            ["accounting subscription key"] = SimulatorDefaults.AccountingSubscriptionKey,
            ["the session API key"] = h.Host.SessionApiKey!,
            ["customer phone number"] = phone,
            // The demo's coffee order asks for the customer's name and address (issue 25): they go to the webshop in
            // one outcome event and nowhere else.
            ["the customer's family name"] = new SimulatorTestPerson().FamilyName,
            ["the customer's e-mail"] = new SimulatorTestPerson().Email,
            ["the customer's street address"] = new SimulatorTestPerson().Address.StreetAddress,
            // The simulator's access tokens are JWTs: their header always encodes to this.
            ["an access token"] = "eyJ0eXAiOiJKV1Qi",
        };
        foreach (var (url, secret) in h.Host.Services.GetRequiredService<WebhookSecrets>().All())
        {
            secrets[$"webhook secret of {url}"] = secret.Reveal();
        }

        Assert.Contains(capture.Points("payment_orchestrator.outcomes.published"), p => p.Tags["cloudevents.event_type"] == "payment.customer-details.v1");

        // The demo's reconciliation runs are spans of their own, one per sales unit and ledger date.
        Assert.Contains(capture.Spans.Snapshot(), s => s.DisplayName == "reconcile" && s.GetTagItem("payment.reconciliation_status") as string == "Reconciled");

        var texts = capture.Texts();
        Assert.True(texts.Count > 1_000, $"the demo should export plenty; it exported {texts.Count} texts");
        Assert.Contains(texts, t => t.Text.Contains(pushed, StringComparison.Ordinal));
        foreach (var (what, secret) in secrets)
        {
            var found = texts.FirstOrDefault(t => t.Text.Contains(secret, StringComparison.Ordinal));
            Assert.True(found == default, $"{what} found in {found.Where}");
        }
    }

    private static byte[] WithTraceParent(byte[] cloudEvent, ActivityTraceId traceId, ActivitySpanId parent)
    {
        var node = JsonNode.Parse(cloudEvent)!;
        node["traceparent"] = $"00-{traceId.ToHexString()}-{parent.ToHexString()}-01";
        return JsonSerializer.SerializeToUtf8Bytes(node);
    }

    private static async Task<JsonNode?> OutcomeAsync(TestHost h, string type, string reference)
    {
        var queue = h.Queues.GetQueueClient(h.Host.Services.GetRequiredService<IOptions<PaymentOrchestratorOptions>>().Value.PaymentEventsQueue);
        foreach (var message in (await queue.PeekMessagesAsync(32)).Value)
        {
            var root = JsonNode.Parse(message.Body.ToMemory().Span)!;
            if (root["type"]?.GetValue<string>() == type && root["data"]?["reference"]?.GetValue<string>() == reference)
            {
                return root;
            }
        }

        return null;
    }
}
