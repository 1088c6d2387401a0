namespace PaymentOrchestrator.Orchestration.Hosting;

/// <summary>
/// Names the Functions host needs beyond <see cref="OrchestratorNames"/>: the HTTP function names, the app setting of
/// the Service Bus connection and the API-key header. The test that reads the Functions sources checks them against
/// these constants.
/// </summary>
public static class HostingNames
{
    /// <summary>
    /// App-setting prefix of the Service Bus connection used by the triggers and the outcome publisher:
    /// <c>ServiceBusConnection__fullyQualifiedNamespace</c> (+ <c>__credential</c>, <c>__clientId</c>) in Azure, or a
    /// connection string in <c>ServiceBusConnection</c> for local development.
    /// </summary>
    public const string ServiceBusConnection = "ServiceBusConnection";

    /// <summary>Header that carries the API key on the refund and query endpoints.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>Function names (what the portal and logs show).</summary>
    public static class Functions
    {
        public const string PaymentRequests = "PaymentRequests";
        public const string RefundRequests = "RefundRequests";
        public const string Webhooks = "VippsWebhooks";
        public const string Refunds = "Refunds";
        public const string ListPayments = "ListPayments";
        public const string GetPayment = "GetPayment";
        public const string Health = "Health";
        public const string Reconciliation = "Reconciliation";
        public const string Me = "Me";
        public const string PaymentList = "PaymentList";
        public const string PaymentsExport = "PaymentsExport";
        public const string PaymentsTotals = "PaymentsTotals";
        public const string ReconcileNow = "ReconcileNow";
        public const string NextStep = "NextStep";
        public const string NeedsAttention = "NeedsAttention";
        public const string DeadLetters = "DeadLetters";
        public const string ReplayDeadLetters = "ReplayDeadLetters";
        public const string Onboarding = "Onboarding";
        public const string SalesUnits = "SalesUnits";
        public const string SalesUnitsSync = "SalesUnitsSync";
        public const string ConsolePage = "ConsolePage";
        public const string ConsoleFiles = "ConsoleFiles";
    }
}
