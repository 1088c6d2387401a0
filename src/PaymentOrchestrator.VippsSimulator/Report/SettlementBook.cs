using System.Globalization;
using System.Text.Json;
using PaymentOrchestrator.VippsSimulator.Accounts;
using PaymentOrchestrator.VippsSimulator.Clock;
using PaymentOrchestrator.VippsSimulator.Infrastructure;

namespace PaymentOrchestrator.VippsSimulator.Report;

/// <summary>
/// What the Report API shows, built from the simulator's own captures and refunds (ePayment and Recurring) plus what
/// the admin API injects. Ledgers are read as a projection of the recorded operations at the simulator clock's now:
/// a ledger date is closed once its end (the cut-off in the merchant's zone) plus any injected delay has passed, and
/// only then gets its <c>fees-retained</c> / <c>fees-invoiced</c> and <c>scheduled-for-payout</c> entries.
/// Thread-safe: everything under one lock, never held while calling out (the services call in under their own lock).
/// </summary>
internal sealed class SettlementBook(AccountStore accounts, SimulatorClock clock, SimulatorSettings settings, IdGenerator ids)
{
    private readonly Lock _gate = new();
    private readonly List<SettledOperation> _operations = [];
    private readonly Dictionary<string, LedgerConfig> _ledgers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _ledgerOf = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dropped = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _adjusted = new(StringComparer.Ordinal);

    /// <summary>The default ledger of a sales unit: <c>1</c> followed by the MSN padded to six digits.</summary>
    public static string DefaultLedgerId(string msn) => "1" + msn.PadLeft(6, '0');

    /// <summary>What a restart must keep: the settled operations and the injected drops and amount changes.</summary>
    public SettlementSnapshot Export()
    {
        lock (_gate)
        {
            return new SettlementSnapshot([.. _operations], [.. _dropped], new Dictionary<string, long>(_adjusted, StringComparer.Ordinal));
        }
    }

    /// <summary>Restores what <see cref="Export"/> wrote (at start, before the first request).</summary>
    public void Import(SettlementSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_gate)
        {
            _operations.Clear();
            _operations.AddRange(snapshot.Operations);
            _dropped.Clear();
            _dropped.UnionWith(snapshot.Dropped);
            _adjusted.Clear();
            foreach (var (psp, amount) in snapshot.Adjusted)
            {
                _adjusted[psp] = amount;
            }
        }
    }

    /// <summary>Records a capture or refund Vipps accepted (called by the payment services under their lock).</summary>
    public void Record(string msn, string reference, bool capture, long amount, string currency, string pspReference, DateTimeOffset at)
    {
        lock (_gate)
        {
            _operations.Add(new SettledOperation(msn, reference, capture ? "capture" : "refund", amount, currency, pspReference, at, Portal: false));
        }
    }

    /// <summary>A capture made outside the orchestrator (in the merchant portal): settled, unknown to the payment APIs' callers.</summary>
    public (PortalCaptureResponse? Created, string? Error) AddPortalCapture(PortalCaptureRequest request)
    {
        if (request.Msn is null || accounts.FindSalesUnit(request.Msn) is not { } unit)
        {
            return (null, $"No sales unit '{request.Msn}'.");
        }

        if (string.IsNullOrWhiteSpace(request.Reference) || request.Amount <= 0)
        {
            return (null, "A portal capture needs a reference and a positive amount in minor units.");
        }

        var psp = ids.PspReference();
        lock (_gate)
        {
            _operations.Add(new SettledOperation(unit.Msn, request.Reference, "capture", request.Amount, unit.Currency, psp, clock.GetUtcNow(), Portal: true));
            return (new PortalCaptureResponse(psp, LedgerFor(unit).Id), null);
        }
    }

    /// <summary>Leaves a capture or refund (and its fee) out of every report. False when no such pspReference was settled.</summary>
    public bool Drop(string pspReference)
    {
        lock (_gate)
        {
            return _operations.Any(o => o.PspReference == pspReference) && _dropped.Add(pspReference);
        }
    }

    /// <summary>Reports a capture or refund with its amount moved by <paramref name="delta"/> minor units (its fee unchanged).</summary>
    public bool Adjust(string pspReference, long delta)
    {
        lock (_gate)
        {
            if (!_operations.Any(o => o.PspReference == pspReference))
            {
                return false;
            }

            _adjusted[pspReference] = _adjusted.GetValueOrDefault(pspReference) + delta;
            return true;
        }
    }

    /// <summary>Closes a ledger date <paramref name="by"/> later than its cut-off (Vipps has problems).</summary>
    public bool Delay(string ledgerId, DateOnly date, TimeSpan by)
    {
        lock (_gate)
        {
            EnsureDefaultLedgers();
            if (!_ledgers.TryGetValue(ledgerId, out var ledger))
            {
                return false;
            }

            ledger.Delays[date] = by;
            return true;
        }
    }

    /// <summary>Creates or changes a ledger; the MSNs named move into it.</summary>
    public (LedgerDefinition? Ledger, string? Error) Configure(string ledgerId, LedgerDefinition definition)
    {
        if (string.IsNullOrWhiteSpace(ledgerId) || ledgerId.Length > 30)
        {
            return (null, "A ledger id is 1 to 30 characters.");
        }

        var units = new List<SalesUnit>();
        foreach (var msn in definition.Msns ?? [])
        {
            if (accounts.FindSalesUnit(msn) is not { } unit)
            {
                return (null, $"No sales unit '{msn}'.");
            }

            units.Add(unit);
        }

        if (units.Select(u => u.Currency).Distinct().Count() > 1)
        {
            return (null, "One ledger settles in one currency: the sales units named have different currencies.");
        }

        TimeZoneInfo? zone = null;
        if (definition.TimeZone is { } zoneId && !TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out zone))
        {
            return (null, $"Unknown time zone '{zoneId}'; use an IANA id such as Europe/Oslo.");
        }

        if (definition.CutOff is { } cut && (cut < TimeSpan.Zero || cut >= TimeSpan.FromDays(1)))
        {
            return (null, "cutOff is a time of day, 00:00:00 to 23:59:59.");
        }

        if (definition.FeeBasisPoints is < 0 or > 10_000)
        {
            return (null, "feeBasisPoints must be 0 to 10000.");
        }

        lock (_gate)
        {
            EnsureDefaultLedgers();
            if (!_ledgers.TryGetValue(ledgerId, out var ledger))
            {
                if (units.Count == 0)
                {
                    return (null, "A new ledger needs the msns it settles.");
                }

                ledger = NewLedger(ledgerId, units[0]);
                _ledgers[ledgerId] = ledger;
            }

            if (units.Count > 0)
            {
                if (units[0].Currency != ledger.Currency && definition.Msns is not null)
                {
                    ledger.Currency = units[0].Currency;
                }

                foreach (var other in _ledgers.Values)
                {
                    other.Msns.RemoveAll(m => units.Any(u => u.Msn == m));
                }

                ledger.Msns.Clear();
                ledger.Msns.AddRange(units.Select(u => u.Msn));
                foreach (var unit in units)
                {
                    _ledgerOf[unit.Msn] = ledgerId;
                }
            }

            ledger.Settlement = definition.Settlement ?? ledger.Settlement;
            ledger.CutOff = definition.CutOff ?? ledger.CutOff;
            ledger.Zone = zone ?? ledger.Zone;
            ledger.FeeBasisPoints = definition.FeeBasisPoints ?? ledger.FeeBasisPoints;
            return (Describe(ledger), null);
        }
    }

    public IReadOnlyList<LedgerDefinition> Ledgers()
    {
        lock (_gate)
        {
            EnsureDefaultLedgers();
            return _ledgers.Values.OrderBy(l => l.Id, StringComparer.Ordinal).Select(Describe).ToList();
        }
    }

    /// <summary>The ledgers <paramref name="keySet"/> may read, optionally only those settling <paramref name="handle"/>.</summary>
    public IReadOnlyList<LedgerResponse> VisibleLedgers(KeySet keySet, string? handle)
    {
        lock (_gate)
        {
            EnsureDefaultLedgers();
            return _ledgers.Values
                .Where(l => l.Msns.Count > 0 && MayRead(keySet, l))
                .Select(ToResponse)
                .Where(l => handle is null || l.SettlesForRecipientHandles.Contains(handle, StringComparer.Ordinal))
                .OrderBy(l => l.LedgerId, StringComparer.Ordinal)
                .ToList();
        }
    }

    /// <summary>Whether the ledger exists and <paramref name="keySet"/> may read it.</summary>
    public bool CanRead(KeySet keySet, string ledgerId)
    {
        lock (_gate)
        {
            EnsureDefaultLedgers();
            return _ledgers.TryGetValue(ledgerId, out var ledger) && ledger.Msns.Count > 0 && MayRead(keySet, ledger);
        }
    }

    /// <summary>
    /// A ledger date of one topic: null when the date is not over yet (404), <c>Closed = false</c> when it is over
    /// but not closed (tryLater), else its entries in order.
    /// </summary>
    public (bool Over, bool Closed, IReadOnlyList<TransactionResponse> Entries) Date(string ledgerId, bool funds, DateOnly date)
    {
        lock (_gate)
        {
            var ledger = _ledgers[ledgerId];
            var now = clock.GetUtcNow();
            var over = now >= ledger.Start(date.AddDays(1));
            var closed = over && now >= ledger.ClosesAt(date);
            var entries = closed ? Project(ledger, now).Where(e => e.Funds == funds && e.Entry.LedgerDate == Day(date)).Select(e => e.Entry).ToList() : [];
            return (over, closed, entries);
        }
    }

    /// <summary>Every entry of one topic that exists now, in feed order (time, then pspReference).</summary>
    public IReadOnlyList<(DateTimeOffset Time, TransactionResponse Entry)> Feed(string ledgerId, bool funds)
    {
        lock (_gate)
        {
            var ledger = _ledgers[ledgerId];
            return Project(ledger, clock.GetUtcNow()).Where(e => e.Funds == funds).Select(e => (e.Time, e.Entry)).ToList();
        }
    }

    public int PageSize => settings.ReportPageSize;

    public static string EncodeCursor(object value) => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(value, SimulatorJson.Options));

    public static T? DecodeCursor<T>(string? cursor)
        where T : class
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(Convert.FromBase64String(cursor), SimulatorJson.Options);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw new FormatException("The cursor is not one this API issued.", e);
        }
    }

    private List<(bool Funds, DateTimeOffset Time, TransactionResponse Entry)> Project(LedgerConfig ledger, DateTimeOffset now)
    {
        var operations = _operations
            .Where(o => ledger.Msns.Contains(o.Msn) && !_dropped.Contains(o.PspReference))
            .OrderBy(o => o.Time).ThenBy(o => o.PspReference, StringComparer.Ordinal)
            .ToList();
        var result = new List<(bool, DateTimeOffset, TransactionResponse)>();
        if (operations.Count == 0)
        {
            return result;
        }

        long fundsBalance = 0, feesBalance = 0;
        var byDate = operations.GroupBy(o => ledger.DateOf(o.Time)).ToDictionary(g => g.Key, g => g.ToList());
        var last = ledger.DateOf(now);
        for (var date = byDate.Keys.Min(); date <= last; date = date.AddDays(1))
        {
            long dayFees = 0;
            foreach (var op in byDate.GetValueOrDefault(date) ?? [])
            {
                var handle = accounts.FindSalesUnit(op.Msn) is { } unit ? $"{unit.Country}:{op.Msn}" : null;
                var magnitude = op.Amount + _adjusted.GetValueOrDefault(op.PspReference);
                var amount = op.EntryType == "capture" ? magnitude : -magnitude;
                result.Add((true, op.Time, Entry(op.PspReference, op.Time, date, op.EntryType, op.Reference, ledger.Currency, amount, ref fundsBalance, handle)));
                if (op.EntryType == "capture")
                {
                    var fee = (long)Math.Round(op.Amount * ledger.FeeBasisPoints / 10_000m, MidpointRounding.AwayFromZero);
                    dayFees += fee;
                    result.Add((false, op.Time, Entry(op.PspReference + "1", op.Time, date, "capture-fee", op.Reference, ledger.Currency, -fee, ref feesBalance, handle)));
                }
            }

            var closesAt = ledger.ClosesAt(date);
            if (now < closesAt)
            {
                continue;
            }

            var dayId = ledger.Id + date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            if (dayFees > 0 && ledger.Settlement == SettlementMode.Net)
            {
                result.Add((true, closesAt, Entry(dayId + "1", closesAt, date, "fees-retained", null, ledger.Currency, -dayFees, ref fundsBalance, null)));
                result.Add((false, closesAt, Entry(dayId + "1", closesAt, date, "fees-retained", null, ledger.Currency, dayFees, ref feesBalance, null)));
            }
            else if (dayFees > 0)
            {
                result.Add((false, closesAt, Entry(dayId + "3", closesAt, date, "fees-invoiced", null, ledger.Currency, dayFees, ref feesBalance, null)));
            }

            if (fundsBalance > 0)
            {
                result.Add((true, closesAt, Entry(dayId + "2", closesAt, date, "scheduled-for-payout", null, ledger.Currency, -fundsBalance, ref fundsBalance, null)));
            }
        }

        return [.. result.OrderBy(r => r.Item2).ThenBy(r => r.Item3.PspReference, StringComparer.Ordinal)];
    }

    private static TransactionResponse Entry(string psp, DateTimeOffset time, DateOnly date, string type, string? reference, string currency, long amount, ref long balance, string? handle)
    {
        var before = balance;
        balance += amount;
        return new TransactionResponse(psp, time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture), Day(date), type, reference, currency, amount, before, balance, handle);
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private bool MayRead(KeySet keySet, LedgerConfig ledger) => keySet.Type switch
    {
        KeySetType.Accounting => ledger.Msns.Any(m => accounts.HasReportConsent(keySet, m)),
        KeySetType.Merchant => keySet.Msn is { } own && ledger.Msns.Contains(own),
        _ => false,
    };

    private LedgerConfig LedgerFor(SalesUnit unit)
    {
        EnsureDefaultLedgers();
        return _ledgers[_ledgerOf[unit.Msn]];
    }

    /// <summary>Gives every sales unit not yet in a ledger its own default ledger.</summary>
    private void EnsureDefaultLedgers()
    {
        foreach (var unit in accounts.SalesUnits())
        {
            if (_ledgerOf.ContainsKey(unit.Msn))
            {
                continue;
            }

            var id = DefaultLedgerId(unit.Msn);
            if (!_ledgers.TryGetValue(id, out var ledger))
            {
                ledger = NewLedger(id, unit);
                _ledgers[id] = ledger;
            }

            ledger.Msns.Add(unit.Msn);
            _ledgerOf[unit.Msn] = id;
        }
    }

    private LedgerConfig NewLedger(string id, SalesUnit unit) => new()
    {
        Id = id,
        Currency = unit.Currency,
        Country = unit.Country,
        Settlement = settings.Options.Settlement,
        CutOff = settings.Options.LedgerCutOff,
        Zone = TimeZoneInfo.FindSystemTimeZoneById(unit.Country switch
        {
            "DK" => "Europe/Copenhagen",
            "FI" => "Europe/Helsinki",
            _ => "Europe/Oslo",
        }),
        FeeBasisPoints = 175,
    };

    private LedgerResponse ToResponse(LedgerConfig ledger) => new(
        ledger.Id,
        ledger.Currency,
        new SchemeId("BBAN:" + ledger.Country, "8601" + ledger.Id.PadLeft(7, '0')),
        new SchemeId(ledger.Country switch { "DK" => "business:DK:CVR", "FI" => "business:FI:Y-tunnus", _ => "business:NO:ORG" }, "9" + ledger.Id.PadLeft(8, '0')),
        ledger.Msns.Select(m => "api:" + m).ToList());

    private static LedgerDefinition Describe(LedgerConfig ledger) => new()
    {
        LedgerId = ledger.Id,
        Msns = [.. ledger.Msns],
        Settlement = ledger.Settlement,
        CutOff = ledger.CutOff,
        TimeZone = ledger.Zone.Id,
        FeeBasisPoints = ledger.FeeBasisPoints,
        Currency = ledger.Currency,
    };

    private sealed class LedgerConfig
    {
        public required string Id { get; init; }

        public required string Currency { get; set; }

        public required string Country { get; init; }

        public List<string> Msns { get; } = [];

        public SettlementMode Settlement { get; set; }

        public TimeSpan CutOff { get; set; }

        public required TimeZoneInfo Zone { get; set; }

        public int FeeBasisPoints { get; set; }

        public Dictionary<DateOnly, TimeSpan> Delays { get; } = [];

        /// <summary>The ledger date of an instant: local time in the merchant's zone, less the cut-off.</summary>
        public DateOnly DateOf(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone).DateTime - CutOff);

        /// <summary>The first instant of a ledger date: the cut-off on that local day.</summary>
        public DateTimeOffset Start(DateOnly date)
        {
            var local = date.ToDateTime(TimeOnly.MinValue) + CutOff;
            return new DateTimeOffset(local, Zone.GetUtcOffset(local));
        }

        public DateTimeOffset ClosesAt(DateOnly date) => Start(date.AddDays(1)) + Delays.GetValueOrDefault(date);
    }
}
