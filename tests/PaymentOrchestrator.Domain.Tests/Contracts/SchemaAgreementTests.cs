using System.Text;
using System.Text.Json.Nodes;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Tests.Support;

namespace PaymentOrchestrator.Domain.Tests.Contracts;

/// <summary>
/// The parser and the published JSON Schemas must agree: over a corpus of valid samples and systematic mutations of
/// them, whatever the parser accepts the schema accepts, whatever the parser rejects as a structural problem the schema
/// rejects, and what the parser rejects on a business rule (which a schema cannot say) is structurally fine.
/// </summary>
public class SchemaAgreementTests
{
    /// <summary>The repository's schemas/ folder.</summary>
    internal static readonly Lazy<string> SchemaDirectory = new(FindSchemaDirectory);

    public static TheoryData<string> Types => new(EventSamples.Types);

    [Fact]
    public void every_incoming_type_and_the_outgoing_types_with_schemas_have_exactly_one_schema_file()
    {
        var files = Directory.GetFiles(SchemaDirectory.Value, "*.schema.json")
            .Select(f => Path.GetFileName(f).Replace(".schema.json", string.Empty, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

        // Of the outgoing types only the two carrying personal data and payment.captured.v1 have schemas so far (schemas/README.md).
        string[] outgoing = [OutgoingEventTypes.PaymentCustomerDetails, OutgoingEventTypes.AgreementCustomerDetails, OutgoingEventTypes.PaymentCaptured];
        Assert.Equal(IncomingEventTypes.All.Concat(outgoing).Order(StringComparer.Ordinal), files);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public async Task parser_and_schema_agree_on_valid_and_invalid_samples(string type)
    {
        var schemas = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        foreach (var known in IncomingEventTypes.All)
        {
            schemas[known] = await JsonSchema.FromFileAsync(Path.Combine(SchemaDirectory.Value, $"{known}.schema.json"));
        }

        var disagreements = new List<string>();
        var counts = new Dictionary<string, int> { ["accepted"] = 0, ["structural"] = 0, ["business"] = 0 };
        foreach (var (label, json) in Corpus(type))
        {
            var declared = JsonNode.Parse(json)?["type"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
                ? JsonNode.Parse(json)!["type"]!.GetValue<string>()
                : type;
            var schema = schemas.GetValueOrDefault(declared) ?? schemas[type];
            var schemaErrors = schema.Validate(ReadToken(json));
            var parsed = IncomingEventParser.Parse(Encoding.UTF8.GetBytes(json), 1 << 20);
            switch (parsed)
            {
                case Parsed:
                    counts["accepted"]++;
                    if (schemaErrors.Count > 0)
                    {
                        disagreements.Add($"{label}: parser accepts, schema rejects ({string.Join("; ", schemaErrors)})");
                    }

                    break;
                case Rejected { Code: RejectionCode.BusinessRule } business:
                    counts["business"]++;
                    if (schemaErrors.Count > 0)
                    {
                        disagreements.Add($"{label}: parser breaks only a business rule ({business.Message}), schema rejects ({string.Join("; ", schemaErrors)})");
                    }

                    break;
                case Rejected structural:
                    counts["structural"]++;
                    if (schemaErrors.Count == 0)
                    {
                        disagreements.Add($"{label}: parser rejects ({structural.Code}: {structural.Message}), schema accepts");
                    }

                    break;
            }
        }

        Assert.True(disagreements.Count == 0, string.Join(Environment.NewLine, disagreements));
        Assert.True(counts["accepted"] >= 2, $"too few valid samples: {counts["accepted"]}");
        Assert.True(counts["structural"] >= 20, $"too few invalid samples: {counts["structural"]}");
    }

    private static JToken ReadToken(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
        return JToken.ReadFrom(reader);
    }

    /// <summary>The valid sample and mutations of every field: removed, null, wrong types, bad strings and numbers, extras.</summary>
    private static IEnumerable<(string Label, string Json)> Corpus(string type)
    {
        yield return ("valid sample", EventSamples.Json(type));
        yield return ("envelope without optional attributes", EventSamples.With(type, e => { e.Remove("subject"); e.Remove("datacontenttype"); }));
        yield return ("envelope with an extension attribute", EventSamples.With(type, e => e["traceparent"] = "00-1-2-01"));
        yield return ("time with offset and fraction", EventSamples.With(type, e => e["time"] = "2026-03-02T11:00:00.123+01:00"));
        yield return ("specversion 0.3", EventSamples.With(type, e => e["specversion"] = "0.3"));
        yield return ("unknown type", EventSamples.With(type, e => e["type"] = "payment.unknown.v1"));
        yield return ("data is a string", EventSamples.With(type, e => e["data"] = "x"));
        yield return ("data is an array", EventSamples.With(type, e => e["data"] = new JsonArray()));
        foreach (var field in new[] { "specversion", "id", "source", "type", "subject", "time", "datacontenttype", "data" })
        {
            yield return ($"envelope without {field}", EventSamples.With(type, e => e.Remove(field)));
            if (field != "data")
            {
                yield return ($"envelope {field} = 12", EventSamples.With(type, e => e[field] = 12));
                yield return ($"envelope {field} = \"\"", EventSamples.With(type, e => e[field] = string.Empty));
            }
        }

        foreach (var other in IncomingEventTypes.All.Where(t => t != type))
        {
            yield return ($"data of {type} declared as {other}", EventSamples.With(type, e => e["type"] = other));
        }

        var data = JsonNode.Parse(EventSamples.Data[type])!.AsObject();
        foreach (var path in Paths(data, []))
        {
            var name = string.Join(".", path);
            yield return ($"data.{name} removed", Mutate(type, path, null, remove: true));
            foreach (var (label, value) in Replacements())
            {
                yield return ($"data.{name} = {label}", Mutate(type, path, value, remove: false));
            }
        }

        yield return ("data with an unknown field", EventSamples.WithData(type, d => d["unexpected"] = 1));
        if (data.ContainsKey("profileScope"))
        {
            yield return ("profileScope with every claim", EventSamples.WithData(type, d => d["profileScope"] = new JsonArray("birthDate", "name", "email", "phoneNumber", "address")));
            yield return ("profileScope with openid", EventSamples.WithData(type, d => d["profileScope"] = new JsonArray("openid", "name")));
            yield return ("profileScope with an unknown claim", EventSamples.WithData(type, d => d["profileScope"] = new JsonArray("name", "nationalIdentityNumber")));
            yield return ("profileScope with a claim of another case", EventSamples.WithData(type, d => d["profileScope"] = new JsonArray("Name")));
            yield return ("profileScope with a claim twice", EventSamples.WithData(type, d => d["profileScope"] = new JsonArray("name", "name")));
            yield return ("profileScope with a number", EventSamples.WithData(type, d => d["profileScope"] = new JsonArray("name", 1)));
            yield return ("profileScope as a string", EventSamples.WithData(type, d => d["profileScope"] = "name address"));
        }
    }

    private static IEnumerable<(string Label, Func<JsonNode?> Value)> Replacements() =>
    [
        ("null", () => null),
        ("true", () => JsonValue.Create(true)),
        ("object", () => new JsonObject()),
        ("array", () => new JsonArray()),
        ("empty string", () => JsonValue.Create(string.Empty)),
        ("string x", () => JsonValue.Create("x")),
        ("string 300 chars", () => JsonValue.Create(new string('a', 300))),
        ("string with space", () => JsonValue.Create("bad value!")),
        ("digits string", () => JsonValue.Create("12345")),
        ("-1", () => JsonValue.Create(-1)),
        ("0", () => JsonValue.Create(0)),
        ("1", () => JsonValue.Create(1)),
        ("99", () => JsonValue.Create(99)),
        ("31", () => JsonValue.Create(31)),
        ("65000001", () => JsonValue.Create(65_000_001)),
        ("1.5", () => JsonValue.Create(1.5m)),
    ];

    private static string Mutate(string type, string[] path, Func<JsonNode?>? value, bool remove) =>
        EventSamples.WithData(type, d =>
        {
            JsonObject parent = d;
            foreach (var segment in path[..^1])
            {
                parent = parent[segment]!.AsObject();
            }

            if (remove)
            {
                parent.Remove(path[^1]);
            }
            else
            {
                parent[path[^1]] = value!();
            }
        });

    private static IEnumerable<string[]> Paths(JsonObject obj, string[] prefix)
    {
        foreach (var (name, node) in obj)
        {
            string[] path = [.. prefix, name];
            yield return path;
            if (node is JsonObject child)
            {
                foreach (var nested in Paths(child, path))
                {
                    yield return nested;
                }
            }
        }
    }

    private static string FindSchemaDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "schemas");
            if (File.Exists(Path.Combine(candidate, "payment.requested.v1.schema.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("No schemas/ directory above " + AppContext.BaseDirectory);
    }
}
