using PaymentOrchestrator.Vipps.Epayment;

namespace PaymentOrchestrator.Vipps.Tests.Support;

/// <summary>Payments that ask for profile details, approved (shared) by the simulated customer.</summary>
public static class Profiles
{
    /// <summary>Creates a payment for <paramref name="msn"/> asking for <paramref name="scope"/>, approves it and returns its sub.</summary>
    public static async Task<string> SharedSubAsync(VippsTestHost host, MerchantSerialNumber msn, string scope, Currency currency = Currency.Nok)
    {
        var reference = Payments.NewReference();
        var request = Payments.WebRedirect(reference, currency: currency) with { Profile = new ProfileRequest(scope) };
        await host.Epayment.CreatePaymentAsync(msn, request, Payments.NewKey("create"));
        await host.Admin.ApprovePaymentAsync(msn.Value, reference);
        var payment = await host.Epayment.GetPaymentAsync(msn, reference);
        return payment.Profile?.Sub ?? throw new InvalidOperationException("The approved payment has no profile.sub.");
    }
}
