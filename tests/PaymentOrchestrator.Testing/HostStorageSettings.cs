namespace PaymentOrchestrator.Testing;

/// <summary>
/// A local host's own tables and queues on a storage account, named with a suffix (payments&lt;suffix&gt;,
/// requests-&lt;suffix&gt;, task hub hub&lt;suffix&gt; …) so that hosts of one test run never share data unless they are meant to (a restart).
/// </summary>
public static class HostStorageSettings
{
    public static Dictionary<string, string?> For(string connectionString, string suffix) => new()
    {
        ["Storage:ConnectionString"] = connectionString,
        ["Orchestrator:PaymentsTable"] = "payments" + suffix,
        ["Orchestrator:SalesUnitsTable"] = "salesunits" + suffix,
        ["Orchestrator:OnboardingsTable"] = "onboardings" + suffix,
        ["Orchestrator:PaymentEventsQueue"] = "events-" + suffix,
        ["Local:Queues:PaymentRequests"] = "requests-" + suffix,
        ["Local:Queues:RefundRequests"] = "refunds-" + suffix,
        // Task hub names are letters and digits only.
        ["Local:Durable:TaskHub"] = "hub" + new string(suffix.Where(char.IsAsciiLetterOrDigit).ToArray()),
    };

    /// <summary>
    /// The queues that stand in for the Service Bus queues of Azure (the order and refund events in, the outcomes out,
    /// their poison queues named after them): in the Functions app these are Service Bus operations, not storage requests.
    /// </summary>
    public static IReadOnlyList<string> ServiceBusStandIns(string suffix) => ["requests-" + suffix, "refunds-" + suffix, "events-" + suffix];
}
