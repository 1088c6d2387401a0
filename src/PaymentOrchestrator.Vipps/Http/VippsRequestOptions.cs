namespace PaymentOrchestrator.Vipps.Http;

/// <summary>Per-request facts the resilience handler and logs need (never secrets).</summary>
internal static class VippsRequestOptions
{
    public static readonly HttpRequestOptionsKey<string> Operation = new("Vipps.Operation");
    public static readonly HttpRequestOptionsKey<string> Partition = new("Vipps.Partition");
    public static readonly HttpRequestOptionsKey<bool> Retryable = new("Vipps.Retryable");

    public static void Tag(HttpRequestMessage request, string operation, string partition, bool retryable)
    {
        request.Options.Set(Operation, operation);
        request.Options.Set(Partition, partition);
        request.Options.Set(Retryable, retryable);
    }

    public static void AddSystemHeaders(HttpRequestMessage request, VippsSystemOptions? system)
    {
        if (system is null)
        {
            return;
        }

        Add(VippsHeaders.SystemName, system.Name);
        Add(VippsHeaders.SystemVersion, system.Version);
        Add(VippsHeaders.SystemPluginName, system.PluginName);
        Add(VippsHeaders.SystemPluginVersion, system.PluginVersion);

        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }
    }
}
