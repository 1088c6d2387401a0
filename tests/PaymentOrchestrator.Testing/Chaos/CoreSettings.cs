using Microsoft.Extensions.Configuration;

namespace PaymentOrchestrator.Testing.Chaos;

/// <summary>What every process of one run shares: Azurite, the simulator, the table/queue names and the webhook secret.</summary>
public sealed record CoreSettings(string StorageConnectionString, Uri SimulatorBaseAddress, string Suffix)
{
    public static readonly Uri WebhookUrl = new("https://orchestrator.example/api/vipps/webhooks");

    /// <summary>Not a secret: a fixed value that only this in-process run knows, to sign webhooks the way Vipps does.</summary>
    public const string WebhookSecret = "chaos-webhook-secret-0123456789abcdef";

    public string PaymentsTable => "payments" + Suffix;

    public string SalesUnitsTable => "salesunits" + Suffix;

    public string EventsQueue => "events-" + Suffix;

    /// <summary>Vipps client retry base delay; the default 500 ms is kept unless a run says otherwise.</summary>
    public TimeSpan? VippsRetryBaseDelay { get; init; }

    public IReadOnlyDictionary<string, string?> Extra { get; init; } = new Dictionary<string, string?>();

    public IConfiguration Configuration()
    {
        var values = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = StorageConnectionString,
            ["Orchestrator:PaymentsTable"] = PaymentsTable,
            ["Orchestrator:SalesUnitsTable"] = SalesUnitsTable,
            ["Orchestrator:PaymentEventsQueue"] = EventsQueue,
            ["Vipps:System:Name"] = "paymentorchestrator-chaos",
            ["Vipps:System:Version"] = "1.0.0",
            ["Webhooks:Registrations:0:Url"] = WebhookUrl.ToString(),
            ["Webhooks:Registrations:0:Secret"] = WebhookSecret,
        };
        foreach (var (key, value) in SimulatorVippsSettings.For(SimulatorBaseAddress))
        {
            values[key] = value;
        }

        if (VippsRetryBaseDelay is { } delay)
        {
            values["Vipps:Resilience:BaseDelay"] = delay.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (var (k, v) in Extra)
        {
            values[k] = v;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }
}
