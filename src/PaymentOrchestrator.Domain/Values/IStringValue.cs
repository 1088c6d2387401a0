namespace PaymentOrchestrator.Domain.Values;

/// <summary>A value type that is a validated string; lets one JSON converter serve them all.</summary>
public interface IStringValue<TSelf> where TSelf : struct, IStringValue<TSelf>
{
    string Value { get; }

    static abstract Validated<TSelf> Create(string? value);
}
