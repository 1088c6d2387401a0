using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Testing.Sagas;

namespace PaymentOrchestrator.Orchestration.Tests.Support;

/// <summary>The tests' webshop steps on a <see cref="SagaHarness"/>.</summary>
internal static class SagaHarnessExtensions
{
    /// <summary>Requests a payment of <paramref name="amount"/>, has the customer approve it and wakes the saga: it is Authorized.</summary>
    public static async Task<SagaKey> AuthorizedPaymentAsync(this SagaHarness h, string reference, long amount = 10_000, string msn = SagaHarness.Msn)
    {
        var key = SagaHarness.PaymentKey(reference, msn);
        await h.SendSettledAsync(Events.PaymentRequested(msn, reference, amount));
        await h.Simulator.Admin.ApprovePaymentAsync(msn, reference);
        await h.WakeAsync(key);
        return key;
    }
}
