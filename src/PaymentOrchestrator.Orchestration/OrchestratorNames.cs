namespace PaymentOrchestrator.Orchestration;

/// <summary>
/// Every name both hosts share: queues, tables and HTTP routes (the Durable names are
/// <c>PaymentOrchestrator.Durable.SagaOrchestrationNames</c>). The Functions host's sources are checked against these
/// constants by a test, so a rename cannot silently break the cloud host.
/// </summary>
public static class OrchestratorNames
{
    /// <summary>Webshops' order events (ePayment, agreements, charges).</summary>
    public const string PaymentRequestsQueue = "payment-requests";

    /// <summary>Finance's refund requests.</summary>
    public const string RefundRequestsQueue = "refund-requests";

    /// <summary>Outcome events for webshops.</summary>
    public const string PaymentEventsQueue = "payment-events";

    /// <summary>Suffix of a local queue's poison queue, e.g. <c>payment-requests-poison</c>.</summary>
    public const string PoisonSuffix = "-poison";

    /// <summary>Saga rows, their timelines and applied event ids, partitioned by MSN.</summary>
    public const string PaymentsTable = "payments";

    /// <summary>The sales-unit registry.</summary>
    public const string SalesUnitsTable = "salesunits";

    /// <summary>Merchant onboardings, partitioned by partner and environment.</summary>
    public const string OnboardingsTable = "onboardings";

    /// <summary>
    /// The HTTP API's route table (relative to the host's root), the same in both hosts: the local host maps it with
    /// <c>PaymentOrchestrator.Api.ApiRoutes.MapPaymentOrchestratorApi</c>, the Functions app declares one HTTP function
    /// per route (host.json <c>routePrefix</c> is "").
    /// </summary>
    public static class Routes
    {
        public const string Webhooks = "api/vipps/webhooks";
        public const string Refunds = "api/refunds";
        public const string SalesUnitPayments = "api/sales-units/{msn}/payments";
        public const string SalesUnitPayment = "api/sales-units/{msn}/payments/{reference}";
        public const string Health = "api/health";
        public const string Reconciliation = "api/sales-units/{msn}/reconciliation";
        public const string Me = "api/me";
        public const string PaymentList = "api/sales-units/{msn}/payment-list";
        public const string PaymentsExport = "api/sales-units/{msn}/payments-export";
        public const string PaymentsTotals = "api/sales-units/{msn}/payments-totals";
        public const string ReconcileNow = "api/sales-units/{msn}/reconciliation/run";
        public const string NextStep = "api/sales-units/{msn}/payments/{reference}/next";
        public const string NeedsAttention = "api/needs-attention";
        public const string DeadLetters = "api/dead-letters";
        public const string DeadLettersReplay = "api/dead-letters/{queue}/replay";

        // Onboarding a new merchant (keys that manage sales units).
        public const string Onboarding = "api/sales-units/onboarding";
        // The registry following Vipps (keys with ManagesSalesUnits only).
        public const string SalesUnits = "api/sales-units";
        public const string SalesUnitsSync = "api/sales-units/sync";

        /// <summary>
        /// The console's page at the root. The Functions app cannot declare an empty route (Azure-Functions#2473), so it
        /// is an optional parameter only an empty path satisfies; a catch-all there would compete with the API's routes,
        /// which the Functions host orders differently from ASP.NET Core (azure-functions-host#9876).
        /// </summary>
        public const string ConsoleRoot = "{root:maxlength(0)?}";

        /// <summary>The console's files, under their literal prefix so that they never shadow an API route.</summary>
        public const string ConsoleFiles = "console/{*path}";
    }
}
