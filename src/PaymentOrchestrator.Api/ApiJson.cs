using System.Text.Json;
using System.Text.Json.Serialization;

namespace PaymentOrchestrator.Api;

/// <summary>
/// The JSON of every answer body, whatever the host configured: web defaults (camelCase) and enums as names. Problem
/// bodies are written by ASP.NET Core's problem result with the host's JSON options.
/// </summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static IResult Ok(object value) => Results.Json(value, Options);
}
