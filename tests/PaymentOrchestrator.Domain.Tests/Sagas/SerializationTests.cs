using System.Text.Json;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Recurring;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Tests.Support;
using static PaymentOrchestrator.Domain.Tests.Support.Samples;

namespace PaymentOrchestrator.Domain.Tests.Sagas;

/// <summary>Saga state goes into a table row as JSON; events and commands into the timeline.</summary>
public class SerializationTests
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    private static void RoundTrips<T>(T value)
    {
        var json = JsonSerializer.Serialize(value, Options);
        var back = JsonSerializer.Deserialize<T>(json, Options);

        Assert.Equal(json, JsonSerializer.Serialize(back, Options));
    }

    [Fact]
    public void epayment_state_with_captures_refunds_outbox_and_attention_round_trips()
    {
        var h = Harnesses.Epayment().Given(PaymentRequested()).GivenResult(c => new PaymentCreated(c.Key, "https://pay.vipps.no/x"))
            .After(TimeSpan.FromSeconds(5)).Given(new WakeUp());
        h.GivenResult(c => new PaymentRead(c.Key, VippsPaymentState.Authorized, Aggregate(10_000)))
            .Given(Capture("cap-1", 6_000))
            .GivenResult(c => new CaptureSucceeded(c.Key, Aggregate(10_000, 6_000)))
            .Given(Refund("ref-1", 1_000), Capture("cap-2", 1_000))
            .GivenResult(c => new CommandFailedTransient(c.Key, Problem(503)));

        RoundTrips(h.State);
        var json = JsonSerializer.Serialize(h.State, Options);
        Assert.Contains("\"$command\":\"RefundPayment\"", json, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"Authorized\"", json, StringComparison.Ordinal);

        h.GivenResult(c => new CommandFailedPermanent(c.Key, Problem(400, "6260")));
        RoundTrips(h.State);
        var back = JsonSerializer.Deserialize<EpaymentState>(JsonSerializer.Serialize(h.State, Options), Options)!;
        Assert.Equal("6260", back.Core.Attention!.Problem!.ErrorCode);
        Assert.Equal(h.State.InFlight, back.InFlight);
        Assert.Equal(h.State.Request, back.Request);
    }

    [Fact]
    public void a_payment_state_stored_with_every_capture_and_refund_in_it_is_read_with_the_pending_ones_in_flight()
    {
        var h = Harnesses.Epayment().Given(PaymentRequested()).GivenResult(c => new PaymentCreated(c.Key, "https://pay.vipps.no/x"))
            .After(TimeSpan.FromSeconds(5)).Given(new WakeUp());
        h.GivenResult(c => new PaymentRead(c.Key, VippsPaymentState.Authorized, Aggregate(10_000)))
            .Given(Capture("cap-1", 6_000))
            .GivenResult(c => new CaptureSucceeded(c.Key, Aggregate(10_000, 6_000)))
            .Given(Refund("ref-1", 1_000));
        var pending = Assert.Single(h.State.InFlight);
        var old = System.Text.Json.Nodes.JsonNode.Parse(SagaStateJson.Serialize(h.State))!.AsObject();
        old.Remove("inFlight");
        old.Remove("captureCount");
        old.Remove("refundCount");
        old["captures"] = System.Text.Json.Nodes.JsonNode.Parse(
            """[{"captureId":"cap-1","amount":{"minorUnits":6000,"currency":"NOK","isZero":false},"key":"capture-3-x","status":"Succeeded"}]""");
        old["refunds"] = System.Text.Json.Nodes.JsonNode.Parse(
            $$"""[{"refundId":"ref-1","amount":{"minorUnits":1000,"currency":"NOK"},"reason":"r","requestedBy":"f","key":"{{pending.Key}}","status":"Pending"}]""");

        var read = (EpaymentState)SagaStateJson.Deserialize(Domain.Values.SagaKind.Payment, old.ToJsonString());

        Assert.Equal(pending, Assert.Single(read.InFlight));
        Assert.Equal((1, 1), (read.CaptureCount, read.RefundCount));
        Assert.Equal(h.State.RefundableMinorUnits, read.RefundableMinorUnits);
    }

    [Fact]
    public void agreement_and_charge_states_round_trip()
    {
        var agreement = Harnesses.Agreement().Given(AgreementRequested())
            .GivenResult(c => new AgreementDrafted(c.Key, "agr_1", "https://pay.vipps.no/c", null));
        var charge = Harnesses.Charge().Given(ChargeRequested()).GivenResult(c => new ChargeCreated(c.Key));

        RoundTrips(agreement.State);
        RoundTrips(charge.State);
        Assert.Equal(charge.State.Request, JsonSerializer.Deserialize<ChargeState>(JsonSerializer.Serialize(charge.State, Options), Options)!.Request);
    }

    [Fact]
    public void every_event_command_and_input_of_a_saga_run_round_trips_polymorphically()
    {
        var h = Harnesses.Epayment().Given(PaymentRequested()).GivenResult(c => new PaymentCreated(c.Key, "https://pay.vipps.no/x"));
        var inputs = new List<SagaInput> { PaymentRequested(), new WakeUp(), new WebhookReceived("epayments.payment.authorized.v1") };

        foreach (var @event in h.Decisions.SelectMany(d => d.Events))
        {
            RoundTrips<SagaEvent>(@event);
        }

        foreach (var command in h.Decisions.SelectMany(d => d.Commands))
        {
            RoundTrips<VippsCommand>(command);
        }

        foreach (var input in inputs)
        {
            RoundTrips(input);
        }
    }

    [Fact]
    public void an_outgoing_event_is_a_cloudevent_with_a_stable_id()
    {
        var h = Harnesses.Epayment().Given(PaymentRequested());
        var outcome = Assert.Single(h.WhenResult(c => new PaymentCreated(c.Key, "https://pay.vipps.no/x")).Outcomes);

        using var doc = JsonDocument.Parse(outcome.ToCloudEventJson("payment-orchestrator"));
        var root = doc.RootElement;

        Assert.Equal("1.0", root.GetProperty("specversion").GetString());
        Assert.Equal(OutgoingEventTypes.PaymentCreated, root.GetProperty("type").GetString());
        Assert.Equal("payment-orchestrator", root.GetProperty("source").GetString());
        Assert.Equal("123456/order-10001", root.GetProperty("subject").GetString());
        Assert.Equal("2026-03-02T10:00:00.000Z", root.GetProperty("time").GetString());
        Assert.Equal("https://pay.vipps.no/x", root.GetProperty("data").GetProperty("redirectUrl").GetString());
        Assert.False(root.GetProperty("data").TryGetProperty("captureId", out _));
        Assert.Equal(OutgoingEvent.Create(outcome.Type, outcome.Saga, outcome.Time, outcome.Data, "created").Id, outcome.Id);
    }

    [Fact]
    public void the_facade_creates_decides_and_stores_any_saga_by_its_key()
    {
        var deciders = new SagaDeciders();
        var state = SagaDeciders.New(ChargeKey);

        var (decision, next) = deciders.Apply(state, ChargeRequested(), SagaHarness<ChargeState>.T0);

        Assert.IsType<CreateCharge>(Assert.Single(decision.Commands));
        Assert.Equal(ChargeStatus.Creating, Assert.IsType<ChargeState>(next).Status);
        Assert.Equal(decision.WakeUpAt, deciders.NextWakeUp(next));
        var json = SagaStateJson.Serialize(next);
        var back = SagaStateJson.Deserialize(ChargeKey.Kind, json);
        Assert.Equal(json, SagaStateJson.Serialize(back));
        Assert.Equal("wrong-saga", deciders.Decide(next, PaymentRequested(), SagaHarness<ChargeState>.T0).Rejection?.Code);
    }

    [Fact]
    public void a_corrupt_stored_value_fails_loudly_when_read()
    {
        var json = SagaStateJson.Serialize(SagaDeciders.New(PaymentKey)).Replace("123456", "12", StringComparison.Ordinal);

        Assert.Throws<JsonException>(() => SagaStateJson.Deserialize(PaymentKey.Kind, json));
    }
}
