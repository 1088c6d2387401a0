namespace PaymentOrchestrator.VippsSimulator.Accounts;

/// <summary>An authenticated API caller and the sales unit it acts for (null: partner-wide webhooks call).</summary>
internal sealed record Caller(KeySet KeySet, SalesUnit? SalesUnit)
{
    public string? Msn => SalesUnit?.Msn;

    public bool MayMoveMoney => KeySet.Type is KeySetType.Partner or KeySetType.Merchant;
}
