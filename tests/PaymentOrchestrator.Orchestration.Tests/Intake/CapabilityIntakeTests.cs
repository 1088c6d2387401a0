using Microsoft.Extensions.Logging.Abstractions;
using PaymentOrchestrator.Durable;
using PaymentOrchestrator.Local.Configuration;
using PaymentOrchestrator.Local.Queues;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.Intake;
using PaymentOrchestrator.Orchestration.Processing;
using PaymentOrchestrator.Orchestration.Tests.Support;
using PaymentOrchestrator.Storage;
using PaymentOrchestrator.Testing;
using PaymentOrchestrator.Testing.Sagas;
using PaymentOrchestrator.Vipps.Management;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Orchestration.Tests.Intake;

/// <summary>
/// What the Vipps Management API said a sales unit may do, enforced at the intake before any Vipps call: a capability
/// Vipps stated as false refuses with its own code and a reason naming the unit and the capability; a unit without
/// capabilities (registered before, or by the seeder) or a capability left out refuses nothing.
/// </summary>
public sealed class CapabilityIntakeTests
{
    private const string NoRecurringMsn = SimulatorDefaults.NoRecurringMsn;
    private const string OtherMsn = SimulatorDefaults.DirectCaptureMsn;

    private static readonly SalesUnitConfiguration AllAllowed = Capabilities.AllAllowed;

    [Fact]
    public async Task a_payment_for_a_unit_vipps_says_may_not_take_payments_is_refused_naming_the_unit_and_vipps_is_never_called()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.RegisterAsync(OtherMsn, AllAllowed with { PaymentAllowed = false });

        var result = await h.SendAsync(Events.PaymentRequested(OtherMsn, Events.NewReference(), 10_000));

        AssertRefused(result, IntakeRejectionCodes.PaymentsNotAllowed, OtherMsn, "paymentAllowed: false");
        Assert.Empty((await h.Simulator.Admin.GetCountersAsync()).Calls);
    }

    [Fact]
    public async Task a_push_message_payment_for_a_unit_that_may_not_skip_the_landing_page_is_refused_and_a_web_redirect_one_is_not()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.RegisterAsync(OtherMsn, AllAllowed with { SkipLandingPageAllowed = false });

        var push = await h.SendAsync(Events.PushPaymentRequested(OtherMsn, Events.NewReference(), 10_000));

        AssertRefused(push, IntakeRejectionCodes.SkipLandingPageNotAllowed, OtherMsn, "skipLandingPageAllowed: false");
        await AcceptedAsync(h, Events.PaymentRequested(OtherMsn, Events.NewReference(), 10_000));
    }

    [Fact]
    public async Task agreements_and_charges_for_a_unit_without_the_recurring_api_are_refused_before_any_vipps_call()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.RegisterAsync(NoRecurringMsn, AllAllowed with { RecurringAllowed = false });

        var agreement = await h.SendAsync(Events.AgreementRequested(NoRecurringMsn, "sub-" + Guid.NewGuid().ToString("N")[..8], 19_900));
        var charge = await h.SendAsync(Events.ChargeRequested(NoRecurringMsn, Events.NewReference("charge"), "agr_someone", 19_900,
            DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3)));

        AssertRefused(agreement, IntakeRejectionCodes.RecurringNotAllowed, NoRecurringMsn, "recurringAllowed: false");
        AssertRefused(charge, IntakeRejectionCodes.RecurringNotAllowed, NoRecurringMsn, "recurringAllowed: false");

        Assert.Empty((await h.Simulator.Admin.GetCountersAsync()).Calls);
    }

    [Fact]
    public async Task a_unit_without_capabilities_or_with_capabilities_vipps_left_out_refuses_nothing()
    {
        await using var h = await SagaHarness.StartAsync(); // the harness's unit has no capabilities, as the seeder's
        await h.RegisterAsync(OtherMsn, new SalesUnitConfiguration());

        foreach (var msn in new[] { SagaHarness.Msn, OtherMsn })
        {
            await AcceptedAsync(h, Events.PushPaymentRequested(msn, Events.NewReference(), 10_000));
            await AcceptedAsync(h, Events.AgreementRequested(msn, "sub-" + Guid.NewGuid().ToString("N")[..8], 19_900));
        }
    }

    [Fact]
    public async Task a_reserve_capture_unit_that_may_do_everything_takes_payments_push_payments_and_agreements()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.RegisterAsync(OtherMsn, AllAllowed);

        await AcceptedAsync(h, Events.PaymentRequested(OtherMsn, Events.NewReference(), 10_000));
        await AcceptedAsync(h, Events.PushPaymentRequested(OtherMsn, Events.NewReference(), 10_000));
        await AcceptedAsync(h, Events.AgreementRequested(OtherMsn, "sub-" + Guid.NewGuid().ToString("N")[..8], 19_900));
    }

    [Fact]
    public async Task a_payment_taken_before_the_unit_lost_the_right_to_take_payments_can_still_be_captured_and_refunded()
    {
        await using var h = await SagaHarness.StartAsync();
        var reference = Events.NewReference();
        await h.AuthorizedPaymentAsync(reference);
        await h.RegisterAsync(SagaHarness.Msn, AllAllowed with { PaymentAllowed = false, SkipLandingPageAllowed = false, RecurringAllowed = false });

        await h.SendSettledAsync(Events.CaptureRequested(SagaHarness.Msn, reference, "ship-1", 10_000)); // throws when refused
        Assert.IsType<HandoffReady>(await h.SendAsync(Events.RefundRequested(SagaHarness.Msn, reference, "rf-1", 100), EventTypeSets.RefundRequests));
    }

    [Fact]
    public async Task through_the_queue_an_agreement_for_a_unit_without_the_recurring_api_is_dead_lettered_with_its_code_and_reason()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.RegisterAsync(NoRecurringMsn, AllAllowed with { RecurringAllowed = false });
        var azurite = await SharedAzurite.GetAsync();
        var queues = new StorageClients(azurite.ConnectionString).Queues;
        var name = "requests-" + Guid.NewGuid().ToString("N")[..12];
        var work = queues.GetQueueClient(name);
        var poison = queues.GetQueueClient(QueueWorker.PoisonQueueName(name));
        await work.CreateIfNotExistsAsync();
        await poison.CreateIfNotExistsAsync();
        var handler = new IncomingEventHandler(h.Get<MessageSettlement>(), new DurableClientSagaSignaller(h.Host.Client), EventTypeSets.PaymentRequests);
        using var worker = new QueueWorker(queues, name, 1, handler, new QueueSettings
        {
            MaxDequeueCount = 2, RetryDelay = TimeSpan.FromMilliseconds(100), MaxIdleDelay = TimeSpan.FromMilliseconds(100),
            VisibilityTimeout = TimeSpan.FromSeconds(10),
        }, TimeProvider.System, NullLogger<QueueWorker>.Instance);
        await work.SendMessageAsync(new BinaryData(Events.AgreementRequested(NoRecurringMsn, "sub-" + Guid.NewGuid().ToString("N")[..8], 19_900)));

        await worker.StartAsync(CancellationToken.None);
        var poisoned = await PoisonedAsync(poison);
        await worker.StopAsync(CancellationToken.None);

        AssertRefused(new HandoffRejected(poisoned.Reason, poisoned.Description), IntakeRejectionCodes.RecurringNotAllowed, NoRecurringMsn, "recurringAllowed: false");
        Assert.Null((await work.PeekMessageAsync()).Value);
        Assert.Empty((await h.Simulator.Admin.GetCountersAsync()).Calls);
    }

    /// <summary>Refused with <paramref name="code"/> and a reason naming the unit and the capability.</summary>
    private static void AssertRefused(HandoffResult result, string code, string msn, string capability)
    {
        var rejected = Assert.IsType<HandoffRejected>(result);
        Assert.Equal(code, rejected.Code);
        Assert.Contains(msn, rejected.Message, StringComparison.Ordinal);
        Assert.Contains(capability, rejected.Message, StringComparison.Ordinal);
    }

    /// <summary>The intake alone accepts it (no saga is started: what follows is the other tests' business).</summary>
    private static async Task AcceptedAsync(SagaHarness h, byte[] body)
    {
        var result = await h.Get<EventIntake>().AcceptAsync(body);
        Assert.True(result is IntakeAccepted, $"Refused: {(result as IntakeRejected)?.Message}");
    }

    private static async Task<PoisonMessage> PoisonedAsync(Azure.Storage.Queues.QueueClient poison)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(30);
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            if ((await poison.PeekMessagesAsync(1)).Value.FirstOrDefault() is { } peeked)
            {
                return PoisonMessage.TryParse(peeked.Body)!;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException("No poison message arrived.");
    }
}
