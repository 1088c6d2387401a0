namespace PaymentOrchestrator.VippsSimulator;

/// <summary>
/// Body of <c>PUT /simulator/report/ledgers/{ledgerId}</c> and an item of <c>GET /simulator/report/ledgers</c>: a
/// settlement ledger, the sales units it settles and how. Fields left out keep their value (or the default).
/// </summary>
public sealed class LedgerDefinition
{
    /// <summary>The ledger id (answered; ignored in a PUT body, where the path names it).</summary>
    public string? LedgerId { get; set; }

    /// <summary>The MSNs this ledger settles (all in one currency). They leave the ledgers they were in.</summary>
    public List<string>? Msns { get; set; }

    /// <summary>Net (fees retained) or Gross (fees invoiced). Default: <see cref="SimulatorOptions.Settlement"/>.</summary>
    public SettlementMode? Settlement { get; set; }

    /// <summary>Local time at which a ledger date ends, e.g. <c>04:00:00</c>. Default: <see cref="SimulatorOptions.LedgerCutOff"/>.</summary>
    public TimeSpan? CutOff { get; set; }

    /// <summary>IANA time zone of the merchant, e.g. <c>Europe/Oslo</c>. Default: the first sales unit's market.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Capture fee in basis points of the captured amount (175 = 1.75 %).</summary>
    public int? FeeBasisPoints { get; set; }

    /// <summary>The ledger's currency (answered only).</summary>
    public string? Currency { get; set; }
}
