using Microsoft.Extensions.Http.Diagnostics;

namespace PaymentOrchestrator.Vipps.Http;

/// <summary>Per-request facts the resilience handler, metrics and logs need (never secrets).</summary>
public static class VippsRequestOptions
{
    /// <summary>Dependency name in the HTTP and resilience telemetry (<c>request.dependency.name</c>).</summary>
    internal const string DependencyName = "vipps";

    internal static readonly HttpRequestOptionsKey<string> Operation = new("Vipps.Operation");
    internal static readonly HttpRequestOptionsKey<string> PipelineKey = new("Vipps.PipelineKey");
    internal static readonly HttpRequestOptionsKey<bool> Retryable = new("Vipps.Retryable");
    private static readonly HttpRequestOptionsKey<bool> PersonalData = new("Vipps.PersonalData");

    /// <summary>
    /// Whether an HTTP request may be traced by the HTTP client instrumentation: a Vipps call whose URL holds no personal
    /// value (the Userinfo API's <c>sub</c> is in its path). Everything else — the Storage SDK's requests above all,
    /// dozens per saga — is left to the spans of the code that made them.
    /// </summary>
    public static bool IsTraceable(HttpRequestMessage request) =>
        request is not null
        && request.Options.TryGetValue(Operation, out _)
        && !(request.Options.TryGetValue(PersonalData, out var personal) && personal);

    /// <summary>The resilience pipeline key of a call: key set and MSN (<c>partner/123456</c>), or <c>keySet/partner-wide</c>.</summary>
    internal static string PipelineKeyOf(string keySet, string? msn) => keySet + "/" + (msn ?? "partner-wide");

    /// <summary>The resilience pipeline key of a key set's token requests.</summary>
    internal static string TokenPipelineKeyOf(string keySet) => keySet + "/token";

    internal static void Tag(HttpRequestMessage request, string operation, string pipelineKey, bool retryable, bool carriesPersonalData = false)
    {
        request.Options.Set(PersonalData, carriesPersonalData);
        request.Options.Set(Operation, operation);
        request.Options.Set(PipelineKey, pipelineKey);
        request.Options.Set(Retryable, retryable);
        request.SetRequestMetadata(new RequestMetadata { MethodType = request.Method.Method, RequestName = operation, DependencyName = DependencyName });
    }

    internal static void AddSystemHeaders(HttpRequestMessage request, VippsSystemOptions? system)
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
