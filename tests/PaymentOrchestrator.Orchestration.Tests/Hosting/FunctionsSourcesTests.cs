using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using PaymentOrchestrator.Durable;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Testing;

namespace PaymentOrchestrator.Orchestration.Tests.Hosting;

/// <summary>
/// QueueTriggers.cs is compiled only for Azure packaging (IncludeServiceBusTriggers), so a renamed constant would not break
/// its build until azd runs. These tests read the Functions sources (and the Durable orchestration they run) as text and
/// check every queue, route, function,
/// activity, orchestrator and event name against <see cref="OrchestratorNames"/>, <see cref="HostingNames"/> and
/// <see cref="SagaOrchestrationNames"/> — and the
/// deployment files against them too.
/// </summary>
public sealed partial class FunctionsSourcesTests
{
    private static readonly string Root = RepositoryRoot.Path;
    private static readonly string Sources = ReadFunctionsSources();

    [Fact]
    public void every_name_constant_the_functions_sources_reference_exists()
    {
        var references = NameReference().Matches(Sources).Select(m => m.Value).Distinct().ToList();

        Assert.NotEmpty(references);
        Assert.All(references, r => Resolve(r));
    }

    [Fact]
    public void the_service_bus_triggers_listen_on_the_two_request_queues()
    {
        var queues = Values(ServiceBusTriggerArgument());

        Assert.Equal([OrchestratorNames.PaymentRequestsQueue, OrchestratorNames.RefundRequestsQueue], queues.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void the_http_triggers_serve_exactly_the_routes_of_the_local_host()
    {
        var routes = Values(RouteArgument());
        var expected = typeof(OrchestratorNames.Routes).GetFields().Select(f => (string)f.GetRawConstantValue()!);

        Assert.Equal(expected.Order(StringComparer.Ordinal), routes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void the_orchestrator_and_every_activity_are_defined_and_called_by_their_constant_names()
    {
        var functions = Values(FunctionArgument());
        var called = Values(CallActivityArgument());
        var activities = new[] { SagaOrchestrationNames.AdvanceActivity, SagaOrchestrationNames.MaintainActivity };
        var orchestrators = new[] { SagaOrchestrationNames.SagaOrchestrator, SagaOrchestrationNames.MaintenanceOrchestrator };

        Assert.All(orchestrators, o => Assert.Contains(o, functions));
        Assert.All(activities, a => Assert.Contains(a, functions));
        Assert.Equal(activities.Order(StringComparer.Ordinal), called.Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(orchestrators.Order(StringComparer.Ordinal), Values(ScheduleArgument()).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(functions.Count, functions.Distinct().Count());
    }

    [Fact]
    public void the_signal_is_raised_and_awaited_under_the_same_event_name()
    {
        Assert.Equal([SagaOrchestrationNames.InputEvent], Values(RaiseEventArgument()).Distinct());
        Assert.Equal([SagaOrchestrationNames.InputEvent], Values(WaitForEventArgument()).Distinct());
    }

    [Fact]
    public void no_name_is_written_as_a_string_literal_in_the_functions_sources()
    {
        var names = AllConstants().ToHashSet(StringComparer.Ordinal);
        var literals = StringLiteral().Matches(Sources).Select(m => m.Groups[1].Value).ToList();

        Assert.DoesNotContain(literals, l => names.Contains(l));
        Assert.DoesNotContain(literals, l => l.StartsWith("api/", StringComparison.Ordinal) || l.StartsWith("/api/", StringComparison.Ordinal));
    }

    [Fact]
    public void host_json_serves_routes_without_a_prefix_and_settles_service_bus_messages_by_hand()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "host.json")));
        var extensions = host.RootElement.GetProperty("extensions");

        Assert.Equal(string.Empty, extensions.GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.False(extensions.GetProperty("serviceBus").GetProperty("autoCompleteMessages").GetBoolean());
        Assert.Equal("%TASKHUB_NAME%", extensions.GetProperty("durableTask").GetProperty("hubName").GetString());
        // Set deliberately (docs/deployment.md): the default 30 s would let a quiet app wait that long to start a saga.
        Assert.Equal("00:00:02", extensions.GetProperty("durableTask").GetProperty("storageProvider").GetProperty("maxQueuePollingInterval").GetString());
        Assert.Contains("Include=\"../../host.json\"", File.ReadAllText(Path.Combine(Root, "src", "PaymentOrchestrator.Functions", "PaymentOrchestrator.Functions.csproj")), StringComparison.Ordinal);
    }

    [Fact]
    public void the_infrastructure_declares_every_queue_and_table_the_code_uses()
    {
        var bicep = string.Join('\n', Directory.GetFiles(Path.Combine(Root, "infra"), "*.bicep", SearchOption.AllDirectories).Select(File.ReadAllText));

        Assert.All(
            [OrchestratorNames.PaymentRequestsQueue, OrchestratorNames.RefundRequestsQueue, OrchestratorNames.PaymentEventsQueue,
             OrchestratorNames.PaymentsTable, OrchestratorNames.SalesUnitsTable],
            name => Assert.Contains($"'{name}'", bicep, StringComparison.Ordinal));
        Assert.Contains($"{HostingNames.ServiceBusConnection}__fullyQualifiedNamespace", bicep, StringComparison.Ordinal);
    }

    [Fact]
    public void azure_yaml_deploys_the_functions_project_as_service_api()
    {
        var yaml = File.ReadAllText(Path.Combine(Root, "azure.yaml"));

        Assert.Contains("project: ./src/PaymentOrchestrator.Functions/", yaml, StringComparison.Ordinal);
        Assert.Contains("host: function", yaml, StringComparison.Ordinal);
        Assert.Contains("  api:", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void the_service_bus_triggers_are_left_out_only_behind_the_include_service_bus_triggers_property()
    {
        var project = File.ReadAllText(Path.Combine(Root, "src", "PaymentOrchestrator.Functions", "PaymentOrchestrator.Functions.csproj"));
        var yaml = File.ReadAllText(Path.Combine(Root, "azure.yaml"));

        Assert.True(File.Exists(Path.Combine(Root, "src", "PaymentOrchestrator.Functions", "QueueTriggers.cs")));
        Assert.Contains("<ItemGroup Condition=\"'$(IncludeServiceBusTriggers)' == 'true'\">\n    <PackageReference Include=\"Microsoft.Azure.Functions.Worker.Extensions.ServiceBus\" />", project, StringComparison.Ordinal);
        Assert.Contains("<ItemGroup Condition=\"'$(IncludeServiceBusTriggers)' != 'true'\">\n    <Compile Remove=\"QueueTriggers.cs\" />", project, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(project, "Extensions\\.ServiceBus\""));
        Assert.Contains("IncludeServiceBusTriggers\" = \"true\"", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void the_webhook_registration_in_deployment_md_names_exactly_the_events_the_local_host_registers()
    {
        var deployment = File.ReadAllText(Path.Combine(Root, "docs", "deployment.md"));
        var section = deployment[deployment.IndexOf("## 4. Register the webhook", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", StringComparison.Ordinal)];

        var listed = RegisteredEvent().Matches(section).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(Local.Startup.WebhookRegistrar.Events.Order(StringComparer.Ordinal), listed);
    }

    private static List<string> Values(Regex pattern) =>
        pattern.Matches(Sources).Select(m => Resolve(m.Groups[1].Value)).ToList();

    /// <summary>Resolves <c>OrchestratorNames.Routes.Refunds</c> to its value by reflection; fails the test if it does not exist.</summary>
    private static string Resolve(string reference)
    {
        var parts = reference.Split('.');
        var type = parts[0] switch
        {
            nameof(OrchestratorNames) => typeof(OrchestratorNames),
            nameof(HostingNames) => typeof(HostingNames),
            nameof(SagaOrchestrationNames) => typeof(SagaOrchestrationNames),
            _ => throw new Xunit.Sdk.XunitException($"'{reference}' is not a name constant: the Functions sources must use OrchestratorNames, HostingNames or SagaOrchestrationNames."),
        };
        foreach (var nested in parts[1..^1])
        {
            type = type.GetNestedType(nested) ?? throw new Xunit.Sdk.XunitException($"'{reference}': {type.Name} has no nested class {nested}.");
        }

        var field = type.GetField(parts[^1], BindingFlags.Public | BindingFlags.Static);
        return field is { IsLiteral: true } && field.GetRawConstantValue() is string value
            ? value
            : throw new Xunit.Sdk.XunitException($"'{reference}' does not exist as a string constant.");
    }

    private static IEnumerable<string> AllConstants() =>
        new[] { typeof(OrchestratorNames), typeof(HostingNames), typeof(SagaOrchestrationNames) }
            .SelectMany(t => new[] { t }.Concat(t.GetNestedTypes()))
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!);

    private static string ReadFunctionsSources()
    {
        // The Functions project and the orchestration it runs (SagaOrchestration, its activity and the Durable client
        // hand-off live in PaymentOrchestrator.Durable, shared with the local host); the names class is the definition.
        var files = new[] { "PaymentOrchestrator.Functions", "PaymentOrchestrator.Durable" }
            .SelectMany(project => Directory.GetFiles(Path.Combine(Root, "src", project), "*.cs", SearchOption.AllDirectories))
            .Where(f => Path.GetFileName(f) != $"{nameof(SagaOrchestrationNames)}.cs")
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(files);

        // Comments may mention names freely; only code counts.
        return string.Join('\n', files.Select(f => LineComment().Replace(File.ReadAllText(f), string.Empty)));
    }


    /// <summary>An event name in the registration's JSON as the curl line writes it: <c>\"epayments.payment.authorized.v1\"</c>.</summary>
    [GeneratedRegex(@"\\""((?:epayments|recurring)\.[a-z0-9.-]+)\\""")]
    private static partial Regex RegisteredEvent();

    [GeneratedRegex(@"\b(?:OrchestratorNames|HostingNames|SagaOrchestrationNames)(?:\.[A-Z][A-Za-z0-9]*)+")]
    private static partial Regex NameReference();

    [GeneratedRegex(@"\[ServiceBusTrigger\(\s*([A-Za-z0-9_.]+)")]
    private static partial Regex ServiceBusTriggerArgument();

    [GeneratedRegex(@"\bRoute\s*=\s*([A-Za-z0-9_.]+)")]
    private static partial Regex RouteArgument();

    [GeneratedRegex(@"\[Function\(\s*([A-Za-z0-9_.]+)\s*\)\]")]
    private static partial Regex FunctionArgument();

    [GeneratedRegex(@"CallActivityAsync(?:<\w+>)?\(\s*([A-Za-z0-9_.]+)")]
    private static partial Regex CallActivityArgument();

    [GeneratedRegex(@"ScheduleNewOrchestrationInstanceAsync\(\s*([A-Za-z0-9_.]+)")]
    private static partial Regex ScheduleArgument();

    [GeneratedRegex(@"RaiseEventAsync\(\s*[A-Za-z0-9_.]+\s*,\s*([A-Za-z0-9_.]+)")]
    private static partial Regex RaiseEventArgument();

    [GeneratedRegex(@"WaitForExternalEvent<\w+>\(\s*([A-Za-z0-9_.]+)")]
    private static partial Regex WaitForEventArgument();

    [GeneratedRegex("\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex LineComment();
}
