using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PaymentOrchestrator.Infra.Tests;

/// <summary>Reading helpers over the compiled ARM JSON: each Bicep module is a nested deployment with its own template.</summary>
internal static partial class ArmTemplate
{
    /// <summary>The nested deployment of module <paramref name="name"/> (its deployment name in main.bicep).</summary>
    public static JsonObject Module(JsonObject main, string name) =>
        Resources(main).Single(r => Type(r) == "Microsoft.Resources/deployments" && (string?)r["name"] == name);

    public static JsonObject Template(JsonObject module) => module["properties"]!["template"]!.AsObject();

    /// <summary>The expression main.bicep passes to a module parameter.</summary>
    public static string Parameter(JsonObject module, string parameter) =>
        (string)module["properties"]!["parameters"]![parameter]!["value"]!;

    public static IEnumerable<JsonObject> Resources(JsonObject template) => template["resources"] switch
    {
        JsonArray list => list.Select(r => r!.AsObject()),
        JsonObject symbolic => symbolic.Select(p => p.Value!.AsObject()),
        _ => [],
    };

    public static IEnumerable<JsonObject> ResourcesOfType(JsonObject template, string type) =>
        Resources(template).Where(r => Type(r) == type);

    public static string Type(JsonObject resource) => (string)resource["type"]!;

    public static JsonNode Properties(JsonObject resource) => resource["properties"]!;

    /// <summary>
    /// The role definition GUIDs a role assignment resource grants, resolving <c>variables('x')</c> and a copy loop over
    /// <c>items(variables('x'))</c> in the module's template.
    /// </summary>
    public static IReadOnlyList<string> RoleIds(JsonObject template, JsonObject assignment)
    {
        var expression = (string)Properties(assignment)["roleDefinitionId"]!;
        var variables = template["variables"]?.AsObject() ?? [];
        var loop = ItemsOfVariable().Match(expression);
        if (loop.Success)
        {
            return variables[loop.Groups[1].Value]!.AsObject().Select(p => (string)p.Value!).ToList();
        }

        var single = Variable().Match(expression);
        return single.Success ? [(string)variables[single.Groups[1].Value]!] : [Guid().Match(expression).Value];
    }

    [GeneratedRegex(@"items\(variables\('([A-Za-z0-9_]+)'\)\)\[copyIndex\(\)\]\.value")]
    private static partial Regex ItemsOfVariable();

    [GeneratedRegex(@"variables\('([A-Za-z0-9_]+)'\)")]
    private static partial Regex Variable();

    [GeneratedRegex(@"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Guid();
}
