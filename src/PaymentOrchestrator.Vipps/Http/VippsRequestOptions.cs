using Microsoft.Extensions.Http.Diagnostics;

namespace PaymentOrchestrator.Vipps.Http;

/// <summary>Per-request facts the resilience handler, metrics and logs need (never secrets).</summary>
internal static class VippsRequestOptions
{
    /// <summary>Dependency name in the HTTP and resilience telemetry (<c>request.dependency.name</c>).</summary>
    public const string DependencyName = "vipps";

    public static readonly HttpRequestOptionsKey<string> Operation = new("Vipps.Operation");
    public static readonly HttpRequestOptionsKey<string> PipelineKey = new("Vipps.PipelineKey");
    public static readonly HttpRequestOptionsKey<bool> Retryable = new("Vipps.Retryable");

    /// <summary>The resilience pipeline key of a call: key set and MSN (<c>partner/123456</c>), or <c>keySet/partner-wide</c>.</summary>
    public static string PipelineKeyOf(string keySet, string? msn) => keySet + "/" + (msn ?? "partner-wide");

    /// <summary>The resilience pipeline key of a key set's token requests.</summary>
    public static string TokenPipelineKeyOf(string keySet) => keySet + "/token";

    public static void Tag(HttpRequestMessage request, string operation, string pipelineKey, bool retryable)
    {
        request.Options.Set(Operation, operation);
        request.Options.Set(PipelineKey, pipelineKey);
        request.Options.Set(Retryable, retryable);
        request.SetRequestMetadata(new RequestMetadata { MethodType = request.Method.Method, RequestName = operation, DependencyName = DependencyName });
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
