using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Recurring;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using static PaymentOrchestrator.Domain.Tests.Support.Samples;

namespace PaymentOrchestrator.Domain.Tests.Support;

/// <summary>The customer-details step's givens: the test person's details, and sagas that just read them.</summary>
public static class CustomerDetailsSamples
{
    /// <summary>Every claim a webshop may ask for.</summary>
    public static readonly ProfileScope Everything = ProfileScope.FromClaims(ProfileScope.Claims.ToArray()).Value;

    /// <summary>The simulator's fictitious default customer, every claim shared.</summary>
    public static readonly CustomerDetailsData Kari = new()
    {
        Result = CustomerDetailsData.Shared,
        GivenName = "Kari",
        FamilyName = "Nordmann",
        Email = "kari.nordmann@example.com",
        EmailVerified = true,
        PhoneNumber = "4791234567",
        Address = new CustomerAddressData { StreetAddress = "Robert Levins gate 5", PostalCode = "0154", Region = "Oslo", Country = "NO" },
        BirthDate = "1970-01-01",
    };

    /// <summary>A payment asking for <paramref name="scope"/>, authorized just now: its details read is in flight (with a scope).</summary>
    public static SagaHarness<EpaymentState> AuthorizedPayment(ProfileScope? scope) =>
        Harnesses.Epayment()
            .Given(PaymentRequested() with { ProfileScope = scope })
            .GivenResult(c => new PaymentCreated(c.Key, "https://pay.vipps.no/abc"))
            .After(TimeSpan.FromSeconds(5))
            .Given(new WakeUp())
            .GivenResult(c => new PaymentRead(c.Key, VippsPaymentState.Authorized, Aggregate(10_000)));

    /// <summary>An agreement asking for <paramref name="scope"/>, active just now: its details read is in flight.</summary>
    public static SagaHarness<AgreementState> ActiveAgreement(ProfileScope? scope) =>
        Harnesses.Agreement()
            .Given(AgreementRequested() with { ProfileScope = scope })
            .GivenResult(c => new AgreementDrafted(c.Key, "agr_5kSeqz", "https://pay.vipps.no/confirm/agr_5kSeqz", null))
            .After(TimeSpan.FromSeconds(5))
            .Given(new WakeUp())
            .GivenResult(c => new AgreementRead(c.Key, VippsAgreementStatus.Active));
}
