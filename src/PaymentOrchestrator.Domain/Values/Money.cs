namespace PaymentOrchestrator.Domain.Values;

/// <summary>
/// An amount in minor units (øre, cents) with its currency, 0 to 65,000,000 as ePayment allows.
/// Arithmetic refuses mixed currencies and results outside the range instead of throwing.
/// </summary>
public readonly record struct Money(long MinorUnits, Currency Currency)
{
    public const long MaxMinorUnits = 65_000_000;

    public static Validated<Money> Create(long minorUnits, Currency currency) =>
        minorUnits is < 0 or > MaxMinorUnits
            ? Validated<Money>.Fail($"amount must be 0 to {MaxMinorUnits} minor units, got {minorUnits}.")
            : Validated<Money>.Ok(new Money(minorUnits, currency));

    public static Money Zero(Currency currency) => new(0, currency);

    public bool IsZero => MinorUnits == 0;

    public Validated<Money> Add(Money other) =>
        other.Currency != Currency
            ? Validated<Money>.Fail(MixedCurrencies(other))
            : Create(MinorUnits + other.MinorUnits, Currency);

    public Validated<Money> Subtract(Money other) =>
        other.Currency != Currency
            ? Validated<Money>.Fail(MixedCurrencies(other))
            : Create(MinorUnits - other.MinorUnits, Currency);

    public override string ToString() => $"{MinorUnits} {Currency} minor units";

    private string MixedCurrencies(Money other) =>
        $"cannot combine {Currency} and {other.Currency} amounts.";
}
