using System.Collections.Concurrent;
using System.Globalization;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PaymentOrchestrator.Vipps.Tests.Support;

/// <summary>
/// Component schemas of the official OpenAPI 3.0 files (Specs/*.yaml) as JSON Schema for NJsonSchema:
/// YAML 1.2 scalars typed, <c>#/components/schemas/X</c> rewritten to <c>#/definitions/X</c>, OpenAPI-only keywords
/// dropped, <c>nullable</c> mapped to a null type, and the external receipt ref (not available offline) accepted as-is.
/// </summary>
public sealed class OpenApiSchemas
{
    private static readonly ConcurrentDictionary<string, OpenApiSchemas> Loaded = new();
    private readonly JObject _definitions;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new();

    private OpenApiSchemas(JObject definitions) => _definitions = definitions;

    public static OpenApiSchemas Epayment => Load("epayment-v1.yaml");

    public static OpenApiSchemas Recurring => Load("recurring-v3.yaml");

    public static OpenApiSchemas Webhooks => Load("webhooks-v1.yaml");

    public IReadOnlyList<string> Validate(string schemaName, string json)
    {
        var schema = _schemas.GetOrAdd(schemaName, name =>
        {
            var root = new JObject { ["$ref"] = "#/definitions/" + name, ["definitions"] = _definitions.DeepClone() };
            return JsonSchema.FromJsonAsync(root.ToString()).GetAwaiter().GetResult();
        });
        return schema.Validate(json).Select(e => $"{e.Kind} at {e.Path}").ToList();
    }

    public void AssertValid(string schemaName, string json)
    {
        var errors = Validate(schemaName, json);
        Assert.True(errors.Count == 0, $"{schemaName} violated: {string.Join("; ", errors)}\n{json}");
    }

    private static OpenApiSchemas Load(string file) => Loaded.GetOrAdd(file, f =>
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(AppContext.BaseDirectory, "Specs", f)))
        {
            yaml.Load(reader);
        }

        var schemas = (JObject)ToJson(yaml.Documents[0].RootNode)["components"]!["schemas"]!;
        if (f == "epayment-v1.yaml")
        {
            // Spec defect: Customer is oneOf three alternatives that require nothing, so any customer matches all three
            // and fails oneOf. The text says "exactly one of": each alternative requires its own field.
            schemas["CustomerPhoneNumber"]!["required"] = new JArray("phoneNumber");
            schemas["PersonalQrCode"]!["required"] = new JArray("personalQr");
            schemas["CustomerToken"]!["required"] = new JArray("customerToken");
        }

        return new OpenApiSchemas((JObject)ToJsonSchema(schemas, inProperties: true));
    });

    private static JToken ToJsonSchema(JToken token, bool inProperties = false)
    {
        if (token is JArray array)
        {
            return new JArray(array.Select(t => ToJsonSchema(t)));
        }

        if (token is not JObject obj)
        {
            return token.DeepClone();
        }

        var result = new JObject();
        foreach (var (name, value) in obj)
        {
            if (inProperties)
            {
                result[name] = ToJsonSchema(value!);
                continue;
            }

            if (name is "example" or "examples" or "nullable" or "discriminator" or "deprecated" || name.StartsWith("x-", StringComparison.Ordinal))
            {
                continue;
            }

            if (name == "$ref")
            {
                var target = value!.Value<string>()!;
                if (target.StartsWith("#/components/schemas/", StringComparison.Ordinal))
                {
                    result["$ref"] = "#/definitions/" + target["#/components/schemas/".Length..];
                }

                continue; // external refs (Order Management receipt) accept anything
            }

            result[name] = ToJsonSchema(value!, inProperties: name is "properties");
        }

        if (obj["nullable"] is JValue { Type: JTokenType.Boolean } nullable && nullable.Value<bool>())
        {
            if (result["$ref"] is { } reference)
            {
                return new JObject { ["anyOf"] = new JArray(new JObject { ["$ref"] = reference }, new JObject { ["type"] = "null" }) };
            }

            if (result["type"] is JValue type)
            {
                result["type"] = new JArray(type.Value<string>()!, "null");
            }
        }

        return result;
    }

    private static JToken ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JObject(mapping.Children.Select(c => new JProperty(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode sequence => new JArray(sequence.Children.Select(ToJson)),
        YamlScalarNode { Style: ScalarStyle.Plain } scalar => Plain(scalar.Value ?? ""),
        YamlScalarNode quoted => new JValue(quoted.Value ?? ""),
        _ => throw new InvalidOperationException($"Unexpected YAML node {node.NodeType}."),
    };

    // YAML 1.2 core schema: only true/false/null/numbers are typed ("NO" stays a string).
    private static JToken Plain(string text) => text switch
    {
        "true" => new JValue(true),
        "false" => new JValue(false),
        "null" or "~" or "" => JValue.CreateNull(),
        _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => new JValue(integer),
        _ when text.Any(char.IsAsciiDigit) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => new JValue(number),
        _ => new JValue(text),
    };
}
