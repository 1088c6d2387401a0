using System.Text.Json;
using System.Text.Json.Serialization;

namespace PaymentOrchestrator.Vipps.Http;

/// <summary>The one JSON configuration for Vipps bodies: camelCase, nulls left out, unknown members ignored.</summary>
internal static class VippsJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.Strict,
    };
}
