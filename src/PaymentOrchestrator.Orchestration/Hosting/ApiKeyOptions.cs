namespace PaymentOrchestrator.Orchestration.Hosting;

/// <summary>
/// API keys accepted on the finance endpoints (refunds, queries) in header <see cref="HostingNames.ApiKeyHeader"/>
/// (configuration section <c>Api</c>, e.g. app setting <c>Api__Keys__0</c> as a Key Vault reference). Several keys
/// allow rotation without downtime. With no key configured every request is refused.
/// </summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "Api";

    public List<string> Keys { get; set; } = [];

    /// <summary>Never prints a key.</summary>
    public override string ToString() => $"ApiKeyOptions {{ Keys = {Keys.Count} configured }}";
}
