namespace PaymentOrchestrator.VippsSimulator;

/// <summary>Settings for one simulator instance; bindable from the configuration section <c>Simulator</c>.</summary>
public sealed class SimulatorOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Simulator";

    /// <summary>Production (partner keys allowed) or Test (force approve allowed, partner keys refused).</summary>
    public SimulatorMode Mode { get; set; } = SimulatorMode.Production;

    /// <summary>
    /// Lifetime of tokens from <c>POST /accesstoken/get</c>. Vipps issues 1 hour in test and 24 hours in production;
    /// the simulator uses one configurable value so that tests can reach expiry quickly.
    /// </summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a CREATED payment waits for the customer before it becomes EXPIRED (Vipps: 10 minutes).</summary>
    public TimeSpan PaymentExpiry { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a PENDING agreement waits for the customer before it becomes EXPIRED (Vipps: 10 minutes).</summary>
    public TimeSpan AgreementExpiry { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>When set, the simulated customer approves every payment and accepts every agreement after this delay.</summary>
    public TimeSpan? AutoApproveAfter { get; set; }

    /// <summary>Per-reference rate limits as documented by Vipps (answering 429).</summary>
    public bool RateLimitsEnabled { get; set; } = true;

    /// <summary>Optional JSON seed file with extra sales units and key sets (see README).</summary>
    public string? SeedFile { get; set; }

    /// <summary>Load the documented default accounts (<see cref="SimulatorDefaults"/>). On by default.</summary>
    public bool UseDefaultSeed { get; set; } = true;

    /// <summary>Extra accounts given in code, added after the default seed and the seed file.</summary>
    public SimulatorSeed? Seed { get; set; }

    /// <summary>
    /// Base clock. Null means the real clock. Either way the simulator wraps it in a controllable clock that
    /// <c>POST /simulator/clock/advance</c> moves forward.
    /// </summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Seed for the simulator's randomness (fault rates, ids). Null means non-deterministic.</summary>
    public int? RandomSeed { get; set; }

    /// <summary>Delay before the first webhook retry; doubled per attempt up to <see cref="WebhookMaxRetryDelay"/>.</summary>
    public TimeSpan WebhookRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest delay between webhook retries.</summary>
    public TimeSpan WebhookMaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Delivery attempts per webhook event before it is dropped. Vipps retries for up to 7 days; the simulator gives up
    /// sooner so that a test endpoint that is gone does not block a registration forever.
    /// </summary>
    public int WebhookMaxAttempts { get; set; } = 12;

    /// <summary>
    /// Webhook deliveries in flight at once per registration. Events of one payment (or agreement) are delivered in
    /// order, one at a time, and wait behind that subject's failing delivery; other subjects' events do not wait.
    /// </summary>
    public int WebhookConcurrency { get; set; } = 16;

    /// <summary>A delivery that gets no answer within this time has failed (Vipps: 10 seconds).</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Entries (and ledgers) per page of the Report API; small values make paging easy to test.</summary>
    public int ReportPageSize { get; set; } = 100;

    /// <summary>Local time of day at which ledger dates end in the merchant's zone (Vipps: midnight unless agreed otherwise).</summary>
    public TimeSpan LedgerCutOff { get; set; } = TimeSpan.Zero;

    /// <summary>How new ledgers settle fees: Net (retained from the payout) or Gross (invoiced).</summary>
    public SettlementMode Settlement { get; set; } = SettlementMode.Net;

    /// <summary>
    /// When set, the simulator's payments, agreements, charges, idempotency records, webhook registrations and clock
    /// offset are loaded from this JSON file at start and written to it before every answer to a changing request, so a
    /// stopped or killed simulator continues where it was. Null (the default): in memory only.
    /// </summary>
    public string? StateFile { get; set; }

    /// <summary>The simulated customer whose details the Userinfo API returns (only the consented scope's claims).</summary>
    public Userinfo.SimulatorTestPerson TestPerson { get; set; } = new();

    /// <summary>
    /// How long after a consent the Userinfo API still returns the details (Vipps: 168 hours for a payment session, even
    /// if the customer withdraws consent meanwhile); after that it answers 404.
    /// </summary>
    public TimeSpan UserinfoRetention { get; set; } = TimeSpan.FromHours(168);

    /// <summary>How often the background sweep runs expiry, auto-approve and charge processing in real time.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMilliseconds(200);
}
