namespace PaymentOrchestrator.VippsSimulator.Accounts;

internal sealed class KeySet
{
    public required KeySetType Type { get; init; }

    public required string ClientId { get; init; }

    public required string ClientSecret { get; init; }

    public required string PrimarySubscriptionKey { get; init; }

    public string? SecondarySubscriptionKey { get; init; }

    public string? Msn { get; init; }

    public HashSet<string> LinkedMsns { get; } = new(StringComparer.Ordinal);

    public bool HasSubscriptionKey(string? key) =>
        key is not null && (key == PrimarySubscriptionKey || (SecondarySubscriptionKey is not null && key == SecondarySubscriptionKey));

    public bool CanAct(string msn) => Type switch
    {
        KeySetType.Merchant => Msn == msn,
        KeySetType.Partner or KeySetType.Management => LinkedMsns.Contains(msn),
        _ => false,
    };
}
