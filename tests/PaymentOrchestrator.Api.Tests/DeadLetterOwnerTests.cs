using System.Text;
using PaymentOrchestrator.Api.DeadLetters;

namespace PaymentOrchestrator.Api.Tests;

public sealed class DeadLetterOwnerTests
{
    [Theory]
    [InlineData("{\"data\":{\"msn\":\"123456\"}}", "123456")]
    [InlineData("{\"msn\":\"223344\"}", "223344")]
    [InlineData("{\"subject\":\"334455/order-1\"}", "334455")]
    [InlineData("{\"data\":{\"msn\":\"12\"}}", null)]
    [InlineData("not json", null)]
    public void a_dead_letter_belongs_to_the_sales_unit_its_original_message_names(string original, string? msn)
    {
        Assert.Equal(msn, DeadLetterOwner.Describe(Encoding.UTF8.GetBytes(original)).Msn);
    }

    [Fact]
    public void a_message_naming_its_sales_unit_twice_belongs_to_nobody()
    {
        var twice = Encoding.UTF8.GetBytes("{\"data\":{\"msn\":\"123456\",\"msn\":\"223344\"}}");

        Assert.Null(DeadLetterOwner.Describe(twice).Msn);
    }
}
