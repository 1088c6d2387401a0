using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Orchestration.Reconciliation;

/// <summary>The <c>Reconciliation</c> section: when ledger dates end, how far back to catch up, how often to run.</summary>
public sealed class ReconciliationOptions
{
    public const string SectionName = "Reconciliation";

    /// <summary>Whether a host runs the job on its own (on start, then every <see cref="Interval"/>).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the host looks for dates to reconcile (and retries pending ones).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Local time of day at which ledger dates end in the merchant's zone; must match the ledger's (Vipps: midnight).</summary>
    public TimeSpan CutOff { get; set; } = TimeSpan.Zero;

    /// <summary>IANA zone per market (Norway, Denmark, Finland); defaults Europe/Oslo, Europe/Copenhagen, Europe/Helsinki.</summary>
    public Dictionary<string, string> TimeZones { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The first ledger date to reconcile; when unset, the day the sales unit was registered.</summary>
    public DateOnly? FirstDate { get; set; }

    /// <summary>Catch-up never goes further back than this many days before today.</summary>
    public int MaxLookbackDays { get; set; } = 31;

    /// <summary>How long a not-yet-closed date waits before it is asked for again (Vipps asks for at least 30 minutes).</summary>
    public TimeSpan PendingRetryDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The zone a market's ledger dates are counted in.</summary>
    public TimeZoneInfo ZoneOf(Market market)
    {
        var id = TimeZones.TryGetValue(market.ToString(), out var configured) && !string.IsNullOrWhiteSpace(configured)
            ? configured
            : market switch
            {
                Market.Denmark => "Europe/Copenhagen",
                Market.Finland => "Europe/Helsinki",
                _ => "Europe/Oslo",
            };
        return TimeZoneInfo.FindSystemTimeZoneById(id);
    }

    /// <summary>The ledger date an instant belongs to in <paramref name="zone"/>.</summary>
    public DateOnly DateOf(DateTimeOffset at, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime - CutOff);

    /// <summary>The first instant of a ledger date: the cut-off on that local day.</summary>
    public DateTimeOffset StartOf(DateOnly date, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = date.ToDateTime(TimeOnly.MinValue) + CutOff;
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
