using System.Text.Json;
using System.Text.Json.Serialization;

namespace PaymentOrchestrator.VippsSimulator.Infrastructure;

internal static class SimulatorJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Serializes an ad-hoc object, leaving out null entries (dictionary entries are not covered by the ignore condition).</summary>
    public static string SerializeWithoutNulls(IDictionary<string, object?> value) =>
        JsonSerializer.Serialize(value.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value), Options);

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
