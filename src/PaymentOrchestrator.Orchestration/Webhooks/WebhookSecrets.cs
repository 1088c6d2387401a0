using Microsoft.Extensions.Options;
using PaymentOrchestrator.Vipps;

namespace PaymentOrchestrator.Orchestration.Webhooks;

/// <summary>
/// The registrations whose signatures are accepted: those configured, plus any the host registers at run time (the
/// local host registers itself with the simulator at start and keeps the secret only in memory).
/// </summary>
public sealed class WebhookSecrets(IOptions<WebhookOptions> options)
{
    private readonly Lock _gate = new();
    private readonly List<(Uri Url, Secret Secret)> _added = [];

    /// <summary>Adds a registration made at run time.</summary>
    public void Add(Uri registeredUrl, Secret secret)
    {
        ArgumentNullException.ThrowIfNull(registeredUrl);
        ArgumentNullException.ThrowIfNull(secret);
        lock (_gate)
        {
            _added.Add((registeredUrl, secret));
        }
    }

    /// <summary>Every registration to verify a delivery against.</summary>
    public IReadOnlyList<(Uri Url, Secret Secret)> All()
    {
        var configured = options.Value.Registrations
            .Where(r => r.Url is not null && !string.IsNullOrEmpty(r.Secret))
            .Select(r => (r.Url!, new Secret(r.Secret!)));
        lock (_gate)
        {
            return configured.Concat(_added).ToList();
        }
    }
}
