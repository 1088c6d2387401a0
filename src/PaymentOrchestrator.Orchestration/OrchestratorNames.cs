namespace PaymentOrchestrator.Orchestration;

/// <summary>
/// Every name both hosts share: queues, tables, HTTP routes, Durable activity and orchestrator names. The Functions
/// host's sources are checked against these constants by a test, so a rename cannot silently break the cloud host.
/// </summary>
public static class OrchestratorNames
{
    /// <summary>Webshops' order events (ePayment, agreements, charges).</summary>
    public const string PaymentRequestsQueue = "payment-requests";

    /// <summary>Finance's refund requests.</summary>
    public const string RefundRequestsQueue = "refund-requests";

    /// <summary>Delayed messages that wake sagas up (local host only; Functions uses durable timers).</summary>
    public const string WakeUpsQueue = "wake-ups";

    /// <summary>Outcome events for webshops.</summary>
    public const string PaymentEventsQueue = "payment-events";

    /// <summary>Suffix of a local queue's poison queue, e.g. <c>payment-requests-poison</c>.</summary>
    public const string PoisonSuffix = "-poison";

    /// <summary>Saga rows, their timelines and applied event ids, partitioned by MSN.</summary>
    public const string PaymentsTable = "payments";

    /// <summary>The sales-unit registry.</summary>
    public const string SalesUnitsTable = "salesunits";

    /// <summary>Dead-lettered messages with their reasons.</summary>
    public const string DeadLettersTable = "deadletters";

    /// <summary>HTTP routes (relative to the host's root).</summary>
    public static class Routes
    {
        public const string Webhooks = "api/vipps/webhooks";
        public const string Refunds = "api/refunds";
        public const string SalesUnitPayments = "api/sales-units/{msn}/payments";
        public const string SalesUnitPayment = "api/sales-units/{msn}/payments/{reference}";
        public const string Health = "api/health";
    }

    /// <summary>Durable Functions names (Functions host).</summary>
    public static class Durable
    {
        public const string SagaOrchestrator = "SagaOrchestrator";
        public const string ApplyActivity = "ApplySagaInput";
        public const string ExecuteActivity = "ExecuteVippsCommand";
        public const string InputEvent = "SagaInput";
    }
}
