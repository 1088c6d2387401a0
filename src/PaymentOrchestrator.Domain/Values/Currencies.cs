namespace PaymentOrchestrator.Domain.Values;

public static class Currencies
{
    /// <summary>Exact, upper-case ISO code only: "nok" or " NOK" are refused, as Vipps refuses them.</summary>
    public static Validated<Currency> Parse(string? code) => code switch
    {
        "NOK" => Validated<Currency>.Ok(Currency.NOK),
        "DKK" => Validated<Currency>.Ok(Currency.DKK),
        "EUR" => Validated<Currency>.Ok(Currency.EUR),
        _ => Validated<Currency>.Fail($"currency must be one of NOK, DKK, EUR, got '{code}'."),
    };

    /// <summary>The smallest amount ePayment accepts: NOK 100 øre, DKK 1 øre, EUR 1 cent.</summary>
    public static long MinimumPaymentMinorUnits(this Currency currency) => currency == Currency.NOK ? 100 : 1;

    public static Market Market(this Currency currency) => currency switch
    {
        Currency.NOK => Values.Market.Norway,
        Currency.DKK => Values.Market.Denmark,
        _ => Values.Market.Finland,
    };
}
