using System.Text.Json.Nodes;
using static PaymentOrchestrator.Infra.Tests.ArmTemplate;

namespace PaymentOrchestrator.Infra.Tests;

/// <summary>
/// infra/main.bicep compiled by the real Bicep CLI, and the ARM JSON it produces read back: what the deployment
/// promises in docs/deployment.md (identity-only access, dead-lettering, Key Vault references, no secrets) holds in
/// what Azure would receive.
/// </summary>
public sealed class MainTemplateTests
{
    // Built-in role definition ids (Azure RBAC built-in roles).
    private const string BlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string BlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string QueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string TableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string ServiceBusDataOwner = "090c5cfd-751d-490a-894a-3ce6f1109419";
    private const string ServiceBusDataSender = "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39";
    private const string ServiceBusDataReceiver = "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";

    [Fact]
    public async Task main_bicep_builds_and_lints_with_no_error_and_no_warning()
    {
        var build = await BicepCompiler.RunAsync("build", BicepCompiler.MainBicep, "--stdout");
        var lint = await BicepCompiler.RunAsync("lint", BicepCompiler.MainBicep);

        Assert.True(build.ExitCode == 0, build.Stderr);
        Assert.True(string.IsNullOrWhiteSpace(build.Stderr), build.Stderr);
        Assert.True(lint.ExitCode == 0, lint.Stderr + lint.Stdout);
        Assert.True(string.IsNullOrWhiteSpace(lint.Stderr + lint.Stdout), lint.Stderr + lint.Stdout);
        Assert.Equal("https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#", (string?)JsonNode.Parse(build.Stdout)!["$schema"]);
    }

    [Fact]
    public async Task every_service_bus_queue_dead_letters_on_expiry_limits_deliveries_and_detects_duplicates()
    {
        var template = Template(Module(await BicepCompiler.MainTemplateAsync(), "servicebus"));
        var queues = ResourcesOfType(template, "Microsoft.ServiceBus/namespaces/queues").Single();
        var properties = Properties(queues);
        var maxDeliveries = (int)template["parameters"]!["maxDeliveryCount"]!["defaultValue"]!;

        var names = (string)queues["copy"]!["count"]!;
        Assert.All(["'payment-requests'", "'refund-requests'", "'payment-events'"], q => Assert.Contains(q, names, StringComparison.Ordinal));
        Assert.True((bool)properties["deadLetteringOnMessageExpiration"]!);
        Assert.Equal("[parameters('maxDeliveryCount')]", (string?)properties["maxDeliveryCount"]);
        Assert.InRange(maxDeliveries, 2, 20);
        Assert.True((bool)properties["requiresDuplicateDetection"]!);
        Assert.False(string.IsNullOrEmpty((string?)properties["duplicateDetectionHistoryTimeWindow"]));
        Assert.False((bool)properties["requiresSession"]!);
    }

    [Fact]
    public async Task service_bus_local_auth_is_disabled_and_no_shared_access_rule_exists()
    {
        var template = Template(Module(await BicepCompiler.MainTemplateAsync(), "servicebus"));
        var serviceBus = ResourcesOfType(template, "Microsoft.ServiceBus/namespaces").Single();

        Assert.True((bool)Properties(serviceBus)["disableLocalAuth"]!);
        Assert.DoesNotContain(Resources(template), r => Type(r).EndsWith("/authorizationRules", StringComparison.Ordinal));
        Assert.Contains((string)serviceBus["sku"]!["name"]!, new[] { "Standard", "Premium" });
    }

    [Fact]
    public async Task storage_shared_key_access_and_public_blob_access_are_disabled()
    {
        var template = Template(Module(await BicepCompiler.MainTemplateAsync(), "storage"));
        var account = Properties(ResourcesOfType(template, "Microsoft.Storage/storageAccounts").Single());

        Assert.False((bool)account["allowSharedKeyAccess"]!);
        Assert.False((bool)account["allowBlobPublicAccess"]!);
        Assert.True((bool)account["supportsHttpsTrafficOnly"]!);
    }

    [Fact]
    public async Task the_app_identity_gets_storage_data_service_bus_send_receive_and_key_vault_secrets_user_roles()
    {
        var main = await BicepCompiler.MainTemplateAsync();

        var storage = IdentityRoles(main, "storage");
        var serviceBus = IdentityRoles(main, "servicebus");
        var keyVault = IdentityRoles(main, "keyvault");

        Assert.True(storage.Contains(BlobDataOwner) || storage.Contains(BlobDataContributor), string.Join(", ", storage));
        Assert.Contains(QueueDataContributor, storage);
        Assert.Contains(TableDataContributor, storage);
        Assert.True(
            serviceBus.Contains(ServiceBusDataOwner) || (serviceBus.Contains(ServiceBusDataSender) && serviceBus.Contains(ServiceBusDataReceiver)),
            string.Join(", ", serviceBus));
        Assert.Equal([KeyVaultSecretsUser], keyVault);
    }

    [Fact]
    public async Task secret_app_settings_are_key_vault_references_resolved_with_the_app_identity()
    {
        var main = await BicepCompiler.MainTemplateAsync();
        var api = Module(main, "api");
        var template = Template(api);
        var site = Properties(ResourcesOfType(template, "Microsoft.Web/sites").Single());
        var settings = Properties(ResourcesOfType(template, "Microsoft.Web/sites/config").Single()).AsObject();
        var secretNames = new[]
        {
            "Vipps__KeySets__partner__ClientId", "Vipps__KeySets__partner__ClientSecret", "Vipps__KeySets__partner__SubscriptionKey",
            "Webhooks__Registrations__0__Secret", "Api__Keys__0__Key",
        };

        Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri={0}secrets/', parameters('keyVaultUri'))]", (string)template["variables"]!["kv"]!, StringComparison.Ordinal);
        Assert.Contains("'keyvault'", Parameter(api, "keyVaultUri"), StringComparison.Ordinal);
        Assert.Contains(".outputs.uri.value", Parameter(api, "keyVaultUri"), StringComparison.Ordinal);
        Assert.All(secretNames, name => Assert.Matches(@"^\[format\('\{0\}[a-z0-9-]+/\)', variables\('kv'\)\)\]$", (string)settings[name]!));
        Assert.Equal("[parameters('identityId')]", (string?)site["keyVaultReferenceIdentity"]);
        Assert.All(
            settings.Where(s => s.Key.EndsWith("Secret", StringComparison.Ordinal) || s.Key.EndsWith("Key", StringComparison.Ordinal)
                || (s.Key.Contains("__Keys__", StringComparison.Ordinal) && !s.Key.EndsWith("__Name", StringComparison.Ordinal) && !s.Key.EndsWith("__Source", StringComparison.Ordinal))),
            s => Assert.Contains(s.Key, secretNames));
        // The API key acts as a source (sales units bind it); the source is a parameter, not a secret.
        Assert.Equal("[parameters('apiKeySource')]", (string?)settings["Api__Keys__0__Source"]);
        Assert.Equal("managedidentity", (string?)settings["AzureWebJobsStorage__credential"]);
        Assert.Equal("managedidentity", (string?)settings["ServiceBusConnection__credential"]);
    }

    [Fact]
    public async Task no_secret_key_or_connection_string_with_a_key_appears_anywhere_in_the_compiled_template()
    {
        var json = (await BicepCompiler.MainTemplateAsync()).ToJsonString();
        var all = AllTemplates(await BicepCompiler.MainTemplateAsync()).ToList();

        Assert.All(
            ["AccountKey", "SharedAccessKey", "listKeys(", "listConnectionStrings(", "listAuthorizationRules(", "listSecrets(", "InstrumentationKey="],
            banned => Assert.DoesNotContain(banned, json, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(all.SelectMany(Resources), r => Type(r) is "Microsoft.KeyVault/vaults/secrets" or "Microsoft.Storage/storageAccounts/listKeys");
        Assert.DoesNotContain(all.SelectMany(t => (t["parameters"]?.AsObject() ?? []).Select(p => p.Value!)),
            p => (string?)p["type"] is "securestring" or "secureObject" && p["defaultValue"] is not null);
        Assert.Equal(7, all.Count - 1); // every module is searched: identity, monitoring, storage, servicebus, keyvault, api, alerts
    }

    private static List<string> IdentityRoles(JsonObject main, string module)
    {
        var deployment = Module(main, module);
        var template = Template(deployment);

        // The module's identityPrincipalId is the identity module's output, and the assignments name it.
        Assert.Matches(@"'Microsoft\.Resources/deployments', 'identity'\).*\.outputs\.principalId\.value\]$", Parameter(deployment, "identityPrincipalId"));
        return ResourcesOfType(template, "Microsoft.Authorization/roleAssignments")
            .Where(r => (string?)Properties(r)["principalId"] == "[parameters('identityPrincipalId')]")
            .Where(r => r["condition"] is null)
            .SelectMany(r => RoleIds(template, r))
            .ToList();
    }

    private static IEnumerable<JsonObject> AllTemplates(JsonObject template)
    {
        yield return template;
        foreach (var nested in ResourcesOfType(template, "Microsoft.Resources/deployments").SelectMany(d => AllTemplates(Template(d))))
        {
            yield return nested;
        }
    }
}
