using System.Text.Json;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Orchestration.Hosting;

/// <summary>
/// The wire form of everything that crosses a Durable boundary (orchestration input, signals, activity inputs and
/// outputs): JSON strings written with <see cref="SagaStateJson.Options"/>, the options the saga row uses. Durable sees
/// plain strings, so its own serializer settings cannot change how a polymorphic input or command reads back.
/// </summary>
public static class SagaHostingJson
{
    public static string Write(SagaProgress progress) => JsonSerializer.Serialize(progress, SagaStateJson.Options);

    public static string Write(SagaAdvance advance) => JsonSerializer.Serialize(advance, SagaStateJson.Options);

    public static string Write(SagaKey key) => JsonSerializer.Serialize(key, SagaStateJson.Options);

    public static SagaProgress ReadProgress(string? json) => Read<SagaProgress>(json);

    public static SagaAdvance ReadAdvance(string? json) => Read<SagaAdvance>(json);

    public static SagaKey ReadKey(string? json) => Read<SagaKey>(json);

    public static string Write(MaintenanceState state) => JsonSerializer.Serialize(state, SagaStateJson.Options);

    public static string Write(MaintenanceReport report) => JsonSerializer.Serialize(report, SagaStateJson.Options);

    /// <summary>The maintenance orchestration's input; nothing (a first start) is a fresh state: everything due now.</summary>
    public static MaintenanceState ReadMaintenanceState(string? json) => string.IsNullOrEmpty(json) ? new() : Read<MaintenanceState>(json);

    public static MaintenanceReport ReadMaintenanceReport(string? json) => Read<MaintenanceReport>(json);

    private static T Read<T>(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            throw new JsonException($"Expected a {typeof(T).Name} as JSON, got nothing.");
        }

        return JsonSerializer.Deserialize<T>(json, SagaStateJson.Options) ?? throw new JsonException($"A {typeof(T).Name} cannot be null.");
    }
}
