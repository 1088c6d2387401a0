using NJsonSchema;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.CustomerDetails;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using static PaymentOrchestrator.Domain.Tests.Support.CustomerDetailsSamples;

namespace PaymentOrchestrator.Domain.Tests.Contracts;

/// <summary>The customer-details outcomes the deciders make, as published, against their schemas in schemas/.</summary>
public class CustomerDetailsSchemaTests
{
    public static TheoryData<string> Answers => new("found", "unavailable", "failed", "refused");

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task a_payment_customer_details_outcome_matches_its_schema(string answer)
    {
        var h = AuthorizedPayment(Everything);

        await AssertMatchesAsync(OutgoingEventTypes.PaymentCustomerDetails, Outcome(h.WhenResult(c => Answer(c, answer))));
    }

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task an_agreement_customer_details_outcome_matches_its_schema(string answer)
    {
        var h = ActiveAgreement(Everything);

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

    internal static async Task AssertMatchesAsync(string type, OutgoingEvent outcome)
    {
        Assert.Equal(type, outcome.Type);
        var schema = await JsonSchema.FromFileAsync(Path.Combine(SchemaAgreementTests.SchemaDirectory.Value, $"{type}.schema.json"));
        var json = System.Text.Encoding.UTF8.GetString(outcome.ToCloudEventJson("payment-orchestrator"));

        var errors = schema.Validate(json);

        Assert.True(errors.Count == 0, $"{json}\n{string.Join("\n", errors)}");
    }
}
