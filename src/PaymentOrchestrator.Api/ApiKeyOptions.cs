namespace PaymentOrchestrator.Api;

/// <summary>
/// The API keys of the refund, query and console routes, each bound to the CloudEvents source it acts as. Section
/// <c>Api</c>: in the Functions app the settings <c>Api__Keys__0__Name</c>, <c>Api__Keys__0__Key</c> (a Key Vault
/// reference) and <c>Api__Keys__0__Source</c>, then <c>__1__</c> … (several keys allow rotation). The local host also
/// reads <c>Local:ApiKeys</c>. With no key configured every request that needs one is refused.
/// </summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "Api";

    public List<ApiKeySettings> Keys { get; set; } = [];

    /// <summary>Never prints a key.</summary>
    public override string ToString() => $"ApiKeyOptions {{ Keys = {Keys.Count} configured }}";
}
