using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Tests.Values;

public class ValueTypeTests
{
    [Theory]
    [InlineData("1234", true)]
    [InlineData("123456", true)]
    [InlineData("123", false)]
    [InlineData("1234567", false)]
    [InlineData("12a4", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void an_msn_is_four_to_six_digits(string? value, bool valid)
    {
        var msn = Msn.Create(value);

        Assert.Equal(valid, msn.IsValid);
        if (!valid)
        {
            Assert.Contains("4 to 6 digits", msn.Error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("order-10001", true)]
    [InlineData("abcdefgh", true)]
    [InlineData("abcdefg", false)]
    [InlineData("order_10001", false)]
    [InlineData("order 10001", false)]
    public void a_reference_is_eight_to_fifty_of_letters_digits_and_dashes(string value, bool valid)
    {
        Assert.Equal(valid, PaymentReference.Create(value).IsValid);
        Assert.False(PaymentReference.Create(new string('a', 51)).IsValid);
        Assert.True(PaymentReference.Create(new string('a', 50)).IsValid);
    }

    [Theory]
    [InlineData("NOK", Currency.NOK)]
    [InlineData("DKK", Currency.DKK)]
    [InlineData("EUR", Currency.EUR)]
    public void the_three_currencies_parse(string code, Currency currency)
    {
        Assert.Equal(currency, Currencies.Parse(code).Value);
    }

    [Theory]
    [InlineData("SEK")]
    [InlineData("nok")]
    [InlineData(null)]
    public void other_currency_codes_are_refused(string? code)
    {
        Assert.Contains("NOK, DKK, EUR", Currencies.Parse(code).Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Market.Norway, Currency.NOK, 180)]
    [InlineData(Market.Denmark, Currency.DKK, 14)]
    [InlineData(Market.Finland, Currency.EUR, 14)]
    public void a_market_fixes_currency_and_capture_deadline(Market market, Currency currency, int days)
    {
        Assert.Equal(currency, market.Currency());
        Assert.Equal(days, market.CaptureDeadlineDays());
        Assert.Equal(market, currency.Market());
    }

    [Fact]
    public void money_is_zero_to_sixty_five_million_minor_units()
    {
        Assert.True(Money.Create(0, Currency.NOK).IsValid);
        Assert.True(Money.Create(65_000_000, Currency.NOK).IsValid);
        Assert.False(Money.Create(-1, Currency.NOK).IsValid);
        Assert.Contains("0 to 65000000", Money.Create(65_000_001, Currency.NOK).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void money_arithmetic_refuses_mixed_currencies()
    {
        var nok = new Money(100, Currency.NOK);
        var eur = new Money(100, Currency.EUR);

        Assert.Contains("cannot combine NOK and EUR", nok.Add(eur).Error, StringComparison.Ordinal);
        Assert.Contains("cannot combine", nok.Subtract(eur).Error, StringComparison.Ordinal);
        Assert.Equal(new Money(200, Currency.NOK), nok.Add(nok).Value);
        Assert.False(nok.Subtract(new Money(101, Currency.NOK)).IsValid);
    }

    [Fact]
    public void an_idempotency_key_is_one_to_forty_of_letters_digits_and_dashes()
    {
        Assert.True(IdempotencyKey.Create("a").IsValid);
        Assert.True(IdempotencyKey.Create(new string('a', 40)).IsValid);
        Assert.False(IdempotencyKey.Create(new string('a', 41)).IsValid);
        Assert.False(IdempotencyKey.Create("a/b").IsValid);
        Assert.False(IdempotencyKey.Create(string.Empty).IsValid);
    }

    [Fact]
    public void key_derivation_is_stable_across_processes()
    {
        var key = IdempotencyKey.Derive("capture", 3, SagaKey.Payment(Msn.Create("123456").Value, PaymentReference.Create("order-10001").Value));

        // A fixed value (hex of SHA-256 of "Payment|123456|order-10001", computed outside .NET): if this changes,
        // commands already stored in saga rows would be retried under keys Vipps has never seen.
        Assert.Equal("capture-3-4938eb7841e6002c41f531a5821035", key.Value);
    }

    [Fact]
    public void key_derivation_fills_forty_characters_and_separates_operations_sequences_and_sagas()
    {
        var saga = SagaKey.Payment(Msn.Create("123456").Value, PaymentReference.Create("order-10001").Value);
        var other = SagaKey.Payment(Msn.Create("654321").Value, PaymentReference.Create("order-10001").Value);

        var key = IdempotencyKey.Derive("capture", 3, saga);

        Assert.Equal(40, key.Value.Length);
        Assert.StartsWith("capture-3-", key.Value, StringComparison.Ordinal);
        Assert.True(IdempotencyKey.Create(key.Value).IsValid);
        Assert.NotEqual(key, IdempotencyKey.Derive("capture", 4, saga));
        Assert.NotEqual(key, IdempotencyKey.Derive("refund", 3, saga));
        Assert.NotEqual(key, IdempotencyKey.Derive("capture", 3, other));
        Assert.Equal(40, IdempotencyKey.Derive("abcdefghijkl", int.MaxValue, saga).Value.Length);
    }

    [Fact]
    public void key_derivation_refuses_an_operation_that_is_not_short_lower_case_letters()
    {
        var saga = SagaKey.Payment(Msn.Create("123456").Value, PaymentReference.Create("order-10001").Value);

        Assert.Throws<ArgumentException>(() => IdempotencyKey.Derive("Capture", 1, saga));
        Assert.Throws<ArgumentException>(() => IdempotencyKey.Derive("averyveryverylongop", 1, saga));
        Assert.Throws<ArgumentOutOfRangeException>(() => IdempotencyKey.Derive("capture", -1, saga));
    }

    [Fact]
    public void a_saga_key_names_its_row_within_the_msn_partition()
    {
        var key = SagaKey.Charge(Msn.Create("123456").Value, ChargeId.Create("order-20001").Value);

        Assert.Equal("charge:order-20001", key.RowKey);
        Assert.Equal("123456/charge:order-20001", key.ToString());
    }
}
