using PaymentOrchestrator.Orchestration.Queries;

namespace PaymentOrchestrator.Orchestration.Tests.Queries;

/// <summary>
/// The phone mask over the texts a person reads (timeline details, dead letters' originals), including the shapes a
/// refused message comes in: not JSON at all, a number instead of a string, leading whitespace.
/// </summary>
public sealed class PersonalDataTests
{
    [Theory]
    [InlineData("""{"data":{"customerPhoneNumber":"4791234567"}}""")]
    [InlineData("""  {"data":{"customerPhoneNumber":"4791234567"}}""")]
    [InlineData("""{"data":{"customerPhoneNumber":4791234567}}""")]
    [InlineData("""{"data":{"phoneNumber":"4791234567","amount":""")]
    [InlineData("""{"data":{"customerPhoneNumber" : "4791234567"}""")]
    [InlineData("""[{"customer":{"PhoneNumber":"+4791234567"}}]""")]
    public void a_phone_number_is_shown_only_by_its_last_two_digits_whatever_the_text_around_it(string text)
    {
        var masked = PersonalData.MaskPhoneNumbers(text)!;

        Assert.DoesNotContain("4791234567", masked, StringComparison.Ordinal);
        Assert.Contains("67\"", masked, StringComparison.Ordinal);
        Assert.Contains("********", masked, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"data":{"amount":{"value":100,"currency":"NOK"}}}""")]
    [InlineData("""not json at all""")]
    [InlineData(null)]
    public void a_text_without_a_phone_number_is_returned_exactly_as_it_was(string? text)
    {
        Assert.Equal(text, PersonalData.MaskPhoneNumbers(text));
    }
}
