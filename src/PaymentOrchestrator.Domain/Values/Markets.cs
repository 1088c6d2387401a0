namespace PaymentOrchestrator.Domain.Values;

public static class Markets
{
    public static Currency Currency(this Market market) => market switch
    {
        Market.Norway => Values.Currency.NOK,
        Market.Denmark => Values.Currency.DKK,
        _ => Values.Currency.EUR,
    };

    /// <summary>Days after authorization within which a capture must happen: 180 in Norway, 14 in Denmark and Finland.</summary>
    public static int CaptureDeadlineDays(this Market market) => market == Market.Norway ? 180 : 14;

    public static Validated<Market> Parse(string? name) => name switch
    {
        "Norway" or "NO" => Validated<Market>.Ok(Market.Norway),
        "Denmark" or "DK" => Validated<Market>.Ok(Market.Denmark),
        "Finland" or "FI" => Validated<Market>.Ok(Market.Finland),
        _ => Validated<Market>.Fail($"market must be Norway (NO), Denmark (DK) or Finland (FI), got '{name}'."),
    };
}
