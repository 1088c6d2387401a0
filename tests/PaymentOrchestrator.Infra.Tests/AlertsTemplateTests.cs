using System.Text.Json.Nodes;
using PaymentOrchestrator.Testing;
using static PaymentOrchestrator.Infra.Tests.ArmTemplate;

namespace PaymentOrchestrator.Infra.Tests;

/// <summary>
/// infra/app/alerts.bicep as compiled into main.bicep's ARM JSON: the alerts docs/operations.md describes exist, watch
/// the right resource and the metric names the app exports, and reach the on-call action group; the workbook is
/// valid JSON over the same metrics.
/// </summary>
public sealed class AlertsTemplateTests
{
    /// <summary>The alert names docs/operations.md has a section for, each a scheduled query over Application Insights.</summary>
    private static readonly string[] QueryAlerts =
        ["needs-attention", "reconciliation-discrepancy", "ledger-date-not-reconciled", "vipps-errors", "orchestration-failures"];

    [Fact]
    public async Task the_action_group_mails_the_alert_email_parameter_and_every_alert_routes_to_it()
    {
        var main = await BicepCompiler.MainTemplateAsync();
        var module = Module(main, "alerts");
        var template = Template(module);
        var group = ResourcesOfType(template, "Microsoft.Insights/actionGroups").Single();

        Assert.Equal("[parameters('alertEmail')]", Parameter(module, "alertEmail"));
        Assert.Contains("parameters('alertEmail')", (string)Properties(group)["emailReceivers"]!, StringComparison.Ordinal);
        Assert.Contains("alertEmail", main["parameters"]!.AsObject().Select(p => p.Key));
        var metricAlert = ResourcesOfType(template, "Microsoft.Insights/metricAlerts").Single();
        Assert.Contains("Microsoft.Insights/actionGroups", Properties(metricAlert)["actions"]!.ToJsonString(), StringComparison.Ordinal);
        var rules = ResourcesOfType(template, "Microsoft.Insights/scheduledQueryRules").Single();
        Assert.Contains("Microsoft.Insights/actionGroups", Properties(rules)["actions"]!["actionGroups"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task dead_letters_alert_on_the_service_bus_namespaces_dead_lettered_message_count_per_queue()
    {
        var module = Module(await BicepCompiler.MainTemplateAsync(), "alerts");
        var alert = Properties(ResourcesOfType(Template(module), "Microsoft.Insights/metricAlerts").Single());
        var criterion = alert["criteria"]!["allOf"]![0]!;

        Assert.Equal(["[parameters('serviceBusNamespaceId')]"], alert["scopes"]!.AsArray().Select(s => (string)s!));
        Assert.Contains("'servicebus'", Parameter(module, "serviceBusNamespaceId"), StringComparison.Ordinal);
        Assert.Equal("DeadletteredMessages", (string?)criterion["metricName"]);
        Assert.Equal("GreaterThan", (string?)criterion["operator"]);
        Assert.Equal(0, (int)criterion["threshold"]!);
        Assert.Equal("EntityName", (string?)criterion["dimensions"]![0]!["name"]);
    }

    [Fact]
    public async Task each_query_alert_watches_application_insights_for_a_metric_the_app_exports()
    {
        var module = Module(await BicepCompiler.MainTemplateAsync(), "alerts");
        var template = Template(module);
        var alerts = template["variables"]!["queryAlerts"]!.AsArray().Select(a => a!.AsObject()).ToList();
        var rules = ResourcesOfType(template, "Microsoft.Insights/scheduledQueryRules").Single();

        Assert.Equal(QueryAlerts, alerts.Select(a => (string)a["name"]!));
        Assert.Equal(["[parameters('applicationInsightsId')]"], Properties(rules)["scopes"]!.AsArray().Select(s => (string)s!));
        Assert.Contains("'monitoring'", Parameter(module, "applicationInsightsId"), StringComparison.Ordinal);
        var exported = new[] { "payment_orchestrator.outcomes.published", "payment_orchestrator.vipps.call.duration" };
        Assert.All(alerts.Where(a => (string)a["name"]! != "orchestration-failures"),
            a => Assert.Contains(exported, m => ((string)a["query"]!).Contains($"\"{m}\"", StringComparison.Ordinal)));
        Assert.Contains("5xx", (string)alerts.Single(a => (string)a["name"]! == "vipps-errors")["query"]!, StringComparison.Ordinal);
        Assert.Contains("429", (string)alerts.Single(a => (string)a["name"]! == "vipps-errors")["query"]!, StringComparison.Ordinal);
        Assert.All(alerts, a => Assert.Contains("docs/operations.md", (string)a["description"]!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task the_runbook_has_a_section_for_every_alert()
    {
        var runbook = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "docs", "operations.md"));
        var template = Template(Module(await BicepCompiler.MainTemplateAsync(), "alerts"));
        var descriptions = template["variables"]!["queryAlerts"]!.AsArray().Select(a => (string)a!["description"]!)
            .Append((string)Properties(ResourcesOfType(template, "Microsoft.Insights/metricAlerts").Single())["description"]!);

        foreach (var description in descriptions)
        {
            var section = System.Text.RegularExpressions.Regex.Match(description, "\"([^\"]+)\"").Groups[1].Value;
            Assert.Contains("### " + section, runbook, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task the_workbook_is_a_workbook_of_money_and_payments_per_sales_unit()
    {
        var template = Template(Module(await BicepCompiler.MainTemplateAsync(), "alerts"));
        var serialized = template["variables"]!.AsObject().Single(v => v.Key.StartsWith("$fxv#", StringComparison.Ordinal)).Value!;
        var workbook = JsonNode.Parse((string)serialized!)!;
        var queries = workbook["items"]!.AsArray().Select(i => (string?)i!["content"]!["query"]).OfType<string>().ToList();

        Assert.Equal("Notebook/1.0", (string?)workbook["version"]);
        Assert.Contains(queries, q => q.Contains("payment_orchestrator.money.moved", StringComparison.Ordinal) && q.Contains("payment.msn", StringComparison.Ordinal));
        Assert.Contains(queries, q => q.Contains("payment_orchestrator.outcomes.published", StringComparison.Ordinal) && q.Contains("payment.msn", StringComparison.Ordinal));
        Assert.Contains(queries, q => q.Contains("payment_orchestrator.vipps.call.duration", StringComparison.Ordinal));
        Assert.Contains(queries, q => q.Contains("payment_orchestrator.payment.creation.duration", StringComparison.Ordinal));
    }

    [Fact]
    public async Task the_function_app_exports_telemetry_with_its_managed_identity()
    {
        var api = Template(Module(await BicepCompiler.MainTemplateAsync(), "api"));
        var settings = Properties(ResourcesOfType(api, "Microsoft.Web/sites/config").Single());

        Assert.Equal("[parameters('identityClientId')]", (string?)settings["Telemetry__ManagedIdentityClientId"]);
        Assert.Equal("[parameters('applicationInsightsConnectionString')]", (string?)settings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        var hostJson = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "host.json")))!;
        Assert.Equal("OpenTelemetry", (string?)hostJson["telemetryMode"]);
    }
}
