using PaymentOrchestrator.Domain.Epayment;

namespace PaymentOrchestrator.Testing.Chaos;

/// <summary>Settings of one chaos run. Defaults are the full form of issue 8 (≥ 1,000 sagas).</summary>
public sealed record ChaosOptions
{
    public int Sagas { get; init; } = 1000;

    /// <summary>Sagas driven at the same time (the webshops' concurrency).</summary>
    public int Concurrency { get; init; } = 24;

    /// <summary>No new saga starts after this; the run then drains (bounded by <see cref="DrainLimit"/>).</summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromMinutes(8);

    public TimeSpan DrainLimit { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Injected by the simulator on every Vipps API route, each as a share of all calls.</summary>
    public double ErrorRate { get; init; } = 0.20;

    public double RateLimitRate { get; init; } = 0.10;

    public double LostResponseRate { get; init; } = 0.05;

    /// <summary>Chance that a process crashes right after a Vipps call returned, before the result is saved.</summary>
    public double CrashAfterCallRate { get; init; } = 0.01;

    /// <summary>Each process is killed at a random moment between these (real time) unless it crashed earlier.</summary>
    public TimeSpan KillAfterMin { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan KillAfterMax { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>How long a killed process stays down in the sagas' time: past the 2-minute re-issue window.</summary>
    public TimeSpan Downtime { get; init; } = TimeSpan.FromMinutes(2.5);

    /// <summary>The orchestrator clock runs this much faster than real time (polls and saga retries come sooner).</summary>
    public double ClockSpeed { get; init; } = 4;

    public int Seed { get; init; } = 8;

    /// <summary>Share of sagas whose customer action is also announced by a signed webhook (the rest rely on polling).</summary>
    public double WebhookShare { get; init; } = 0.7;

    /// <summary>Share of sagas that get one of their messages delivered twice (same id).</summary>
    public double DuplicateShare { get; init; } = 0.3;
}

/// <summary>What a saga's script does; each has one correct end state.</summary>
public enum Scenario
{
    FullCapture,
    TwoCaptures,
    CaptureThenRefund,
    PartialCaptureThenCancel,
    CancelAuthorized,
    OverCaptureRejectedThenCapture,
    CustomerRejects,
    CustomerLetsExpire,
    CancelBeforeAuthorization,
}

/// <summary>The state a scenario must end in, in Vipps' terms and ours.</summary>
public sealed record Expected(
    EpaymentStatus Status, long Authorized, long Captured, long Refunded, long Cancelled, int Captures, int Refunds, int Cancels);

/// <summary>One input message (CloudEvent or webhook) and what became of it.</summary>
public sealed class LedgerEntry(string id, string kind, string saga, byte[] body, string expected)
{
    public string Id { get; } = id;

    /// <summary>CloudEvent type, or "webhook".</summary>
    public string Kind { get; } = kind;

    public string Saga { get; } = saga;

    public byte[] Body { get; } = body;

    /// <summary>"applied", "duplicate" or "rejected:&lt;code&gt;".</summary>
    public string Expected { get; } = expected;

    public int Deliveries { get; set; }

    public int FailedDeliveries { get; set; }

    /// <summary>"applied", "duplicate", "rejected:&lt;code&gt;", "webhook:applied|ignored|unauthorized", or null while unresolved.</summary>
    public string? Outcome { get; set; }

    public bool MarkerFound { get; set; }
}

/// <summary>Where a run kills: the orchestration core in-process, or the local host as an OS process.</summary>
public enum ChaosLevel
{
    Core,
    Host,
}

/// <summary>The figures and findings of a run.</summary>
public sealed class ChaosReport
{
    public ChaosLevel Level { get; init; } = ChaosLevel.Core;

    public int SagasStarted { get; set; }

    public int SagasVerified { get; set; }

    public Dictionary<Scenario, int> ScenarioCounts { get; } = [];

    public Dictionary<string, int> FinalStates { get; } = new(StringComparer.Ordinal);

    public int ProcessesStarted { get; set; }

    public int Kills { get; set; }

    public int Crashes { get; set; }

    public long VippsAttempts { get; set; }

    public long Injected5xx { get; set; }

    public long Injected429 { get; set; }

    public long DroppedConnections { get; set; }

    public long LostResponsesApplied { get; set; }

    public long IdempotentReplays { get; set; }

    public long TokenRequests { get; set; }

    public long SagaWakesDriven { get; set; }

    public int Messages { get; set; }

    public int Redeliveries { get; set; }

    public Dictionary<string, int> MessageOutcomes { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> AbsorbedExceptions { get; } = new(StringComparer.Ordinal);

    /// <summary>Host level: time from starting a host process until its health endpoint answered, summed over all starts.</summary>
    public TimeSpan HostStartTime { get; set; }

    public long WebhooksDelivered { get; set; }

    public long WebhookFailures { get; set; }

    /// <summary>Host level: lines the host processes logged at Error/Critical (and samples of them).</summary>
    public int HostErrorLines { get; set; }

    public List<string> HostErrorSamples { get; } = [];

    /// <summary>Host level: lines of stack traces the host processes printed to their console (a person must never see one).</summary>
    public int HostStackTraceLines { get; set; }

    public long CapturesAtVipps { get; set; }

    public long RefundsAtVipps { get; set; }

    public long CancelsAtVipps { get; set; }

    public TimeSpan Elapsed { get; set; }

    public List<string> Violations { get; } = [];

    public List<string> UnexpectedExceptions { get; } = [];

    public bool Passed => Violations.Count == 0 && UnexpectedExceptions.Count == 0 && SagasVerified == SagasStarted;

    public void Count(Dictionary<string, int> map, string key)
    {
        lock (map)
        {
            map[key] = map.GetValueOrDefault(key) + 1;
        }
    }

    public void Violation(string text)
    {
        lock (Violations)
        {
            Violations.Add(text);
        }
    }

    public void Unexpected(string text)
    {
        lock (UnexpectedExceptions)
        {
            UnexpectedExceptions.Add(text);
        }
    }

    /// <summary>Rows of a two-column summary table (label, value).</summary>
    public IReadOnlyList<(string Label, string Value)> Summary()
    {
        static string N(long v) => v.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        static string Map(Dictionary<string, int> map) => string.Join(", ", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"));
        var host = Level == ChaosLevel.Host;
        var rows = new List<(string, string)>
        {
            ("sagas started / verified", $"{N(SagasStarted)} / {N(SagasVerified)}"),
            ("scenarios", string.Join(", ", ScenarioCounts.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"))),
            ("final states", Map(FinalStates)),
            host
                ? ("host processes started / killed with SIGKILL (mean time to healthy)", $"{N(ProcessesStarted)} / {N(Kills)} ({(HostStartTime / Math.Max(1, ProcessesStarted)).TotalSeconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)} s)")
                : ("processes started / killed at random / crashed after a Vipps call", $"{N(ProcessesStarted)} / {N(Kills)} / {N(Crashes)}"),
            host
                ? ("Vipps requests received by the simulator (incl. retries and tokens)", N(VippsAttempts))
                : ("Vipps HTTP attempts (incl. client retries)", N(VippsAttempts)),
            host
                ? ("injected 5xx / 429 with Retry-After / dropped connections", $"{N(Injected5xx)} / {N(Injected429)} / {N(DroppedConnections)}")
                : ("injected 5xx / 429 with Retry-After / dropped connections seen by the client", $"{N(Injected5xx)} / {N(Injected429)} / {N(DroppedConnections)}"),
            ("idempotent replays answered by Vipps", N(IdempotentReplays)),
            ("token requests", N(TokenRequests)),
        };
        if (host)
        {
            rows.Add(("webhooks delivered / failed deliveries (host down, not yet registered, old secret)", $"{N(WebhooksDelivered)} / {N(WebhookFailures)}"));
            rows.Add(("input messages", N(Messages)));
        }
        else
        {
            rows.Add(("wake-ups driven (resume + polls + retries)", N(SagaWakesDriven)));
            rows.Add(("input messages / redeliveries", $"{N(Messages)} / {N(Redeliveries)}"));
        }

        rows.Add(("message outcomes", Map(MessageOutcomes)));
        if (host)
        {
            rows.Add(("host console lines that are stack-trace frames", N(HostStackTraceLines)));
        }

        rows.Add(host
            ? ("host log lines at Error/Critical", N(HostErrorLines))
            : ("exceptions absorbed by redelivery", AbsorbedExceptions.Count == 0 ? "none" : string.Join(", ", AbsorbedExceptions.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value}"))));
        rows.Add(("captures / refunds / cancels applied at Vipps", $"{N(CapturesAtVipps)} / {N(RefundsAtVipps)} / {N(CancelsAtVipps)}"));
        rows.Add(("violations (wrong state, double money movement, lost message)", N(Violations.Count)));
        rows.Add(("unexpected exceptions", N(UnexpectedExceptions.Count)));
        rows.Add(("elapsed", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(int)Elapsed.TotalMinutes}:{Elapsed.Seconds:D2}")));
        return rows;
    }
}
