using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Recurring;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Publishing;
using PaymentOrchestrator.Orchestration.Tests.Support;
using PaymentOrchestrator.Testing.Sagas;
using PaymentOrchestrator.Vipps;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Orchestration.Tests.Running;

/// <summary>
/// The customer-details step on the real engine (Durable in-process host, Azurite, the simulator over HTTP): the
/// details reach the webshop once, in their own outcome, and no answer of the Userinfo API holds the saga up.
/// </summary>
public sealed class CustomerDetailsFlowTests
{
    private const string Msn = SagaHarness.Msn;
    private const string PaymentDetails = "payment.customer-details.v1";

    /// <summary>One Vipps call per execution, so that a fault rule's count is the number of failed executions.</summary>
    private static readonly Dictionary<string, string?> NoClientRetries = new() { ["Vipps:Resilience:MaxRetryAttempts"] = "0" };

    [Fact]
    public async Task an_authorized_payment_with_a_scope_publishes_the_consented_details_once_and_is_then_captured()
    {
        await using var h = await SagaHarness.StartAsync();
        var reference = Events.NewReference();
        var key = SagaHarness.PaymentKey(reference);
        await h.SendSettledAsync(Events.PaymentRequested(Msn, reference, 10_000, profileScope: ["name", "address"]));
        await h.Simulator.Admin.ApprovePaymentAsync(Msn, reference);
        await h.WakeAsync(key);
        var captured = await h.SendSettledAsync(Events.CaptureRequested(Msn, reference, "ship-1", 10_000));

        Assert.Equal(10_000, ((EpaymentState)captured.State).Aggregate.Captured.MinorUnits);
        var published = await PublishedAsync(h);
        var details = Assert.Single(published, e => e.Type == PaymentDetails);
        Assert.True(published.FindIndex(e => e.Type == "payment.authorized.v1") < published.IndexOf(details));
        var customer = details.Data.GetProperty("customer");
        Assert.Equal("shared", customer.GetProperty("result").GetString());
        Assert.Equal(["name", "address"], customer.GetProperty("claims").EnumerateArray().Select(c => c.GetString()!));
        Assert.Equal("Kari", customer.GetProperty("givenName").GetString());
        Assert.Equal("Nordmann", customer.GetProperty("familyName").GetString());
        Assert.Equal("Robert Levins gate 5", customer.GetProperty("address").GetProperty("streetAddress").GetString());
        Assert.False(customer.TryGetProperty("email", out _)); // not asked for, not shared
        Assert.False(customer.TryGetProperty("sub", out _));
        Assert.DoesNotContain("Kari", SagaStateJson.Serialize(captured.State), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_customer_who_declines_to_share_details_aborts_the_payment_and_no_details_are_published()
    {
        await using var h = await SagaHarness.StartAsync();
        var reference = Events.NewReference();
        await h.SendSettledAsync(Events.PaymentRequested(Msn, reference, 10_000, profileScope: ["email"]));
        await h.Simulator.Admin.DeclinePaymentAsync(Msn, reference);

        var aborted = await h.WakeAsync(SagaHarness.PaymentKey(reference));

        Assert.Equal(EpaymentStatus.Aborted, ((EpaymentState)aborted.State).Status);
        var types = await h.PublishedTypesAsync();
        Assert.Contains("payment.aborted.v1", types);
        Assert.DoesNotContain(PaymentDetails, types);
    }

    [Fact]
    public async Task a_failing_userinfo_api_does_not_hold_up_the_capture_and_the_details_follow_once_when_it_recovers()
    {
        await using var h = await SagaHarness.StartAsync(settings: NoClientRetries);
        var reference = Events.NewReference();
        var key = SagaHarness.PaymentKey(reference);
        await h.SendSettledAsync(Events.PaymentRequested(Msn, reference, 10_000, profileScope: ["name", "phoneNumber"]));
        await h.Simulator.Admin.AddFaultAsync(new FaultRule { Route = "userinfo.get", Kind = FaultKind.Error, Status = 503, Msn = Msn });
        await h.Simulator.Admin.ApprovePaymentAsync(Msn, reference);
        var waiting = (EpaymentState)(await h.WakeAsync(key)).State;
        Assert.Equal(EpaymentStatus.Authorized, waiting.Status);
        var read = Assert.IsType<ReadPaymentCustomerDetails>(Assert.Single(waiting.Core.Outbox).Command);
        Assert.Equal(1, waiting.Core.Outbox[0].Failures);

        // The capture goes ahead of the read waiting out its backoff.
        var captured = (EpaymentState)(await h.SendSettledAsync(Events.CaptureRequested(Msn, reference, "ship-1", 10_000))).State;
        Assert.Equal(10_000, captured.Aggregate.Captured.MinorUnits);
        Assert.Equal(read.Key, Assert.Single(captured.Core.Outbox).Command.Key);

        // Another failure sets it aside again; once Userinfo answers, the same read (same key) publishes the details.
        await h.WakeAsync(key);
        await h.Simulator.Admin.ClearFaultsAsync();
        var done = (EpaymentState)(await h.WakeAsync(key)).State;

        Assert.Empty(done.Core.Outbox);
        Assert.Equal(EpaymentStatus.Authorized, done.Status);
        var details = Assert.Single(await PublishedAsync(h), e => e.Type == PaymentDetails);
        Assert.Equal("shared", details.Data.GetProperty("customer").GetProperty("result").GetString());
        Assert.Equal("4791234567", details.Data.GetProperty("customer").GetProperty("phoneNumber").GetString());
        Assert.DoesNotContain(await h.PublishedTypesAsync(), t => t == "payment.needs-attention.v1");
    }

    [Fact]
    public async Task an_expired_consent_is_published_as_unavailable_and_the_payment_carries_on()
    {
        await using var h = await SagaHarness.StartAsync();
        var reference = Events.NewReference();
        var key = SagaHarness.PaymentKey(reference);
        await h.SendSettledAsync(Events.PaymentRequested(Msn, reference, 10_000, profileScope: ["name"]));
        await h.Simulator.Admin.ApprovePaymentAsync(Msn, reference);
        var sub = (await h.Get<Vipps.Epayment.VippsEpaymentClient>().GetPaymentAsync(MerchantSerialNumber.Create(Msn), reference)).Profile!.Sub!;
        await h.Simulator.Admin.WithdrawUserinfoConsentAsync(Msn, sub);

        var authorized = (EpaymentState)(await h.WakeAsync(key)).State;

        Assert.Equal(EpaymentStatus.Authorized, authorized.Status);
        Assert.Empty(authorized.Core.Outbox);
        var details = Assert.Single(await PublishedAsync(h), e => e.Type == PaymentDetails);
        Assert.Equal("unavailable", details.Data.GetProperty("customer").GetProperty("result").GetString());
        Assert.False(string.IsNullOrEmpty(details.Data.GetProperty("reason").GetString()));
        Assert.DoesNotContain(sub, details.Json, StringComparison.Ordinal);
        var captured = (EpaymentState)(await h.SendSettledAsync(Events.CaptureRequested(Msn, reference, "ship-1", 10_000))).State;
        Assert.Equal(10_000, captured.Aggregate.Captured.MinorUnits);
    }

    [Fact]
    public async Task an_agreement_with_a_scope_publishes_its_customer_details_once_active()
    {
        await using var h = await SagaHarness.StartAsync();
        var subscription = "sub-" + Guid.NewGuid().ToString("N")[..12];

        var agreement = await AnsweredAgreementAsync(h, subscription, "email", (msn, id) => h.Simulator.Admin.AcceptAgreementAsync(msn, id));

        Assert.Equal(AgreementStatus.Active, agreement.Status);
        Assert.Empty(agreement.Core.Outbox);
        var details = Assert.Single(await PublishedAsync(h), e => e.Type == "agreement.customer-details.v1");
        Assert.Equal(subscription, details.Data.GetProperty("subscriptionId").GetString());
        Assert.Equal("kari.nordmann@example.com", details.Data.GetProperty("customer").GetProperty("email").GetString());
        Assert.Equal(["email"], details.Data.GetProperty("customer").GetProperty("claims").EnumerateArray().Select(c => c.GetString()!));
    }

    [Fact]
    public async Task a_customer_who_declines_to_share_details_with_an_agreement_leaves_it_stopped_and_no_details_are_published()
    {
        await using var h = await SagaHarness.StartAsync();

        var agreement = await AnsweredAgreementAsync(h, "sub-" + Guid.NewGuid().ToString("N")[..12], "address", (msn, id) => h.Simulator.Admin.DeclineAgreementAsync(msn, id));

        Assert.Equal(AgreementStatus.Stopped, agreement.Status);
        Assert.DoesNotContain("agreement.customer-details.v1", await h.PublishedTypesAsync());
    }

    [Fact]
    public async Task a_crash_between_publishing_the_details_and_saving_publishes_the_same_event_id_again_and_the_saga_completes_the_read()
    {
        var crashes = 0;
        await using var h = await SagaHarness.StartAsync(configureServices: services =>
            services.AddSingleton<IOutcomePublisher>(sp => new CrashAfterDetails(
                new QueueOutcomePublisher(
                    sp.GetRequiredService<QueueServiceClient>().GetQueueClient(sp.GetRequiredService<IOptions<PaymentOrchestratorOptions>>().Value.PaymentEventsQueue),
                    sp.GetRequiredService<IOptions<PaymentOrchestratorOptions>>()),
                () => Interlocked.Increment(ref crashes) == 1)));
        var reference = Events.NewReference();
        var key = SagaHarness.PaymentKey(reference);
        await h.SendSettledAsync(Events.PaymentRequested(Msn, reference, 10_000, profileScope: ["name"]));
        await h.Simulator.Admin.ApprovePaymentAsync(Msn, reference);

        var done = (EpaymentState)(await h.WakeAsync(key)).State;
        done = done.Core.Outbox.IsEmpty ? done : (EpaymentState)(await h.SettledAsync(key, TimeSpan.FromSeconds(60))).State;

        Assert.Empty(done.Core.Outbox);
        Assert.True(h.ActivityFailures.ContainsKey(nameof(InvalidOperationException)), "the injected crash should have failed one activity run");
        var copies = (await PublishedAsync(h)).Where(e => e.Type == PaymentDetails).ToList();
        Assert.Equal(2, copies.Count); // at least once: the webshop drops the copy by its CloudEvent id
        Assert.Single(copies.Select(c => c.Id).Distinct());
    }

    /// <summary>Requests an agreement asking for <paramref name="claim"/>, has the customer answer it, and wakes the saga until it has read the answer.</summary>
    private static async Task<AgreementState> AnsweredAgreementAsync(
        SagaHarness h, string subscription, string claim, Func<string, string, Task> customer)
    {
        var key = SagaKey.Agreement(Domain.Values.Msn.Create(Msn).Value, SubscriptionId.Create(subscription).Value);
        var agreement = (AgreementState)(await h.SendSettledAsync(Events.AgreementRequested(Msn, subscription, 29_900, profileScope: [claim]))).State;
        await customer(Msn, agreement.AgreementId!);
        for (var wakes = 0; agreement.Status == AgreementStatus.Pending && wakes < 10; wakes++)
        {
            agreement = (AgreementState)(await h.WakeAsync(key)).State;
        }

        return agreement;
    }

    private static async Task<List<Published>> PublishedAsync(SagaHarness h) =>
        [.. (await h.EventsQueue.PeekMessagesAsync(32)).Value.Select(m => Published.Read(m.Body.ToString()))];

    private sealed record Published(string Id, string Type, JsonElement Data, string Json)
    {
        public static Published Read(string json)
        {
            var root = JsonDocument.Parse(json).RootElement;
            return new Published(root.GetProperty("id").GetString()!, root.GetProperty("type").GetString()!, root.GetProperty("data"), json);
        }
    }

    /// <summary>The activity dies right after a customer-details event was sent, before its decision is saved (when <paramref name="crash"/> says so).</summary>
    private sealed class CrashAfterDetails(IOutcomePublisher inner, Func<bool> crash) : IOutcomePublisher
    {
        public async Task PublishAsync(OutgoingEvent outcome, CancellationToken cancellationToken = default)
        {
            await inner.PublishAsync(outcome, cancellationToken);
            if (outcome.Type == PaymentDetails && crash())
            {
                throw new InvalidOperationException("Injected crash: the details were sent and the decision not saved.");
            }
        }
    }
}
