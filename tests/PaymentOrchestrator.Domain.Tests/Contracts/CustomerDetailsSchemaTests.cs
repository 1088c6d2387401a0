using NJsonSchema;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.CustomerDetails;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Recurring;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Tests.Support;
using PaymentOrchestrator.Domain.Values;
using static PaymentOrchestrator.Domain.Tests.Support.Samples;

namespace PaymentOrchestrator.Domain.Tests.Contracts;

/// <summary>The customer-details outcomes the deciders make, as published, against their schemas in schemas/.</summary>
public class CustomerDetailsSchemaTests
{
    private static readonly ProfileScope Everything = ProfileScope.FromClaims(ProfileScope.Claims.ToArray()).Value;

    private static readonly CustomerDetailsData Kari = new()
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

    public static TheoryData<string> Answers => new("found", "unavailable", "failed", "refused");

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task a_payment_customer_details_outcome_matches_its_schema(string answer)
    {
        var h = Harnesses.Epayment()
            .Given(PaymentRequested() with { ProfileScope = Everything })
            .GivenResult(c => new PaymentCreated(c.Key, "https://pay.vipps.no/abc"))
            .After(TimeSpan.FromSeconds(5))
            .Given(new WakeUp())
            .GivenResult(c => new PaymentRead(c.Key, VippsPaymentState.Authorized, Aggregate(10_000)));

        await AssertMatchesAsync(OutgoingEventTypes.PaymentCustomerDetails, Outcome(h.WhenResult(c => Answer(c, answer))));
    }

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task an_agreement_customer_details_outcome_matches_its_schema(string answer)
    {
        var h = Harnesses.Agreement()
            .Given(AgreementRequested() with { ProfileScope = Everything })
            .GivenResult(c => new AgreementDrafted(c.Key, "agr_5kSeqz", "https://pay.vipps.no/confirm/agr_5kSeqz", null))
            .After(TimeSpan.FromSeconds(5))
            .Given(new WakeUp())
            .GivenResult(c => new AgreementRead(c.Key, VippsAgreementStatus.Active));

        await AssertMatchesAsync(OutgoingEventTypes.AgreementCustomerDetails, Outcome(h.WhenResult(c => Answer(c, answer))));
    }

    private static SagaInput Answer(VippsCommand read, string answer) => answer switch
    {
        "found" => new CustomerDetailsFound(read.Key, [.. ProfileScope.Claims]) { Details = Kari },
        "unavailable" => new CustomerDetailsUnavailable(read.Key, 404, "Vipps has no details for this customer at this sales unit"),
        "refused" => new CommandFailedPermanent(read.Key, new VippsProblem(403, null, "Forbidden")),
        _ => new CommandFailedPermanent(read.Key, new VippsProblem(null, null, "No answer from Vipps", "timeout")),
    };

    private static OutgoingEvent Outcome(Decision decision) => Assert.Single([.. decision.Outcomes, .. decision.PersonalOutcomes]);

    private static async Task AssertMatchesAsync(string type, OutgoingEvent outcome)
    {
        Assert.Equal(type, outcome.Type);
        var schema = await JsonSchema.FromFileAsync(Path.Combine(SchemaAgreementTests.SchemaDirectory.Value, $"{type}.schema.json"));
        var json = System.Text.Encoding.UTF8.GetString(outcome.ToCloudEventJson("payment-orchestrator"));

        var errors = schema.Validate(json);

        Assert.True(errors.Count == 0, $"{json}\n{string.Join("\n", errors)}");
    }
}
