using PaymentOrchestrator.Orchestration.Tests.Support.InProcess;
using System.Globalization;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Processing;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Orchestration.Tests.Chaos;
using PaymentOrchestrator.Vipps;
using PaymentOrchestrator.Vipps.Epayment;
using PaymentOrchestrator.VippsSimulator;
using VippsAmount = PaymentOrchestrator.Vipps.Epayment.Amount;
using VippsCurrency = PaymentOrchestrator.Vipps.Currency;
using VippsIdempotencyKey = PaymentOrchestrator.Vipps.IdempotencyKey;

namespace PaymentOrchestrator.Benchmarks;

/// <summary>
/// The measured ePayment flow — create → approve (simulator admin, the customer) → read-back → capture — once through
/// the orchestration core in-process (IncomingEventProcessor + SagaDriver on Azurite + simulator) and once as the same
/// Vipps calls made directly by the client (no tables, no queues): the ceiling.
/// </summary>
internal sealed class SagaWorkloads(CoreProcess process, SimulatorAdminClient admin, string runTag)
{
    public const string Msn = SimulatorDefaults.NorwayMsn;
    public const long Amount = 49_900;
    private int _sequence;

    public static async Task RegisterAsync(CoreProcess process)
    {
        await process.SalesUnits.UpsertAsync(new SalesUnitRegistration(
            Domain.Values.Msn.Create(Msn).Value, "Benchmark shop", Market.Norway, VippsEnvironment.Production, "partner", [CloudEvents.Source]));
    }

    private string NextReference(string kind) =>
        string.Create(CultureInfo.InvariantCulture, $"{kind}-{runTag}-{Interlocked.Increment(ref _sequence):D7}");

    /// <summary>One saga through the core: 3 incoming inputs (request, webhook signal, capture), 4 Vipps calls.</summary>
    public async Task OrchestratedAsync(int _)
    {
        var reference = NextReference("o");
        var key = SagaKey.Payment(Domain.Values.Msn.Create(Msn).Value, PaymentReference.Create(reference).Value);
        var created = await process.Processor.ProcessAsync(CloudEvents.PaymentRequested(reference + "-r", Msn, reference, Amount));
        Expect(created is ProcessApplied { Drive.State: EpaymentState { Status: EpaymentStatus.AwaitingCustomer } }, reference, "create", created);
        await admin.ApprovePaymentAsync(Msn, reference);

        // A webhook (or a poll) makes the saga read the payment back; the benchmark signals at once instead of waiting 5 s.
        var read = await process.Driver.DriveAsync(key, new WebhookReceived("epayments.payment.authorized.v1"));
        Expect(read.State is EpaymentState { Status: EpaymentStatus.Authorized }, reference, "read-back", read.State);
        var captured = await process.Processor.ProcessAsync(CloudEvents.CaptureRequested(reference + "-c", Msn, reference, "ship-1", Amount));
        Expect(captured is ProcessApplied { Drive.State: EpaymentState { Aggregate.Captured.MinorUnits: Amount } }, reference, "capture", captured);
    }

    /// <summary>Creates one saga and leaves it awaiting the customer (memory benchmark); returns its key and next wake-up.</summary>
    public async Task<(SagaKey Key, DateTimeOffset? WakeUp)> AwaitingCustomerAsync()
    {
        var reference = NextReference("m");
        var key = SagaKey.Payment(Domain.Values.Msn.Create(Msn).Value, PaymentReference.Create(reference).Value);
        var created = await process.Processor.ProcessAsync(CloudEvents.PaymentRequested(reference + "-r", Msn, reference, Amount));
        Expect(created is ProcessApplied { Drive.State: EpaymentState { Status: EpaymentStatus.AwaitingCustomer } }, reference, "create", created);
        return (key, ((ProcessApplied)created).Drive.NextWakeUpAt);
    }

    /// <summary>The same four Vipps calls by the client alone.</summary>
    public async Task DirectAsync(int _)
    {
        var client = process.Get<VippsEpaymentClient>();
        var msn = MerchantSerialNumber.Create(Msn);
        var reference = NextReference("d");
        await client.CreatePaymentAsync(msn, new CreatePaymentRequest
        {
            Amount = new VippsAmount(VippsCurrency.Nok, Amount),
            PaymentMethod = new PaymentMethod(PaymentMethodType.Wallet),
            Reference = reference,
            UserFlow = UserFlow.WebRedirect,
            ReturnUrl = "https://shop.example/return",
            PaymentDescription = "Order " + reference,
        }, VippsIdempotencyKey.Create("create-" + reference));
        await admin.ApprovePaymentAsync(Msn, reference);
        var payment = await client.GetPaymentAsync(msn, reference);
        Expect(payment.State == PaymentState.Authorized, reference, "read-back", payment.State);
        var modification = await client.CapturePaymentAsync(msn, reference, new VippsAmount(VippsCurrency.Nok, Amount), VippsIdempotencyKey.Create("capture-" + reference));
        Expect(modification.Aggregate.CapturedAmount?.Value == Amount, reference, "capture", modification.Aggregate);
    }

    /// <summary>A cheap authenticated call for the token benchmark.</summary>
    public async Task<string> CreateOneAsync()
    {
        var client = process.Get<VippsEpaymentClient>();
        var reference = NextReference("t");
        await client.CreatePaymentAsync(MerchantSerialNumber.Create(Msn), new CreatePaymentRequest
        {
            Amount = new VippsAmount(VippsCurrency.Nok, Amount),
            PaymentMethod = new PaymentMethod(PaymentMethodType.Wallet),
            Reference = reference,
            UserFlow = UserFlow.WebRedirect,
            ReturnUrl = "https://shop.example/return",
        }, VippsIdempotencyKey.Create("create-" + reference));
        return reference;
    }

    private static void Expect(bool condition, string reference, string step, object? actual)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"{reference}: unexpected result at {step}: {actual}");
        }
    }
}
