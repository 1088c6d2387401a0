using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using PaymentOrchestrator.Vipps.Http;

namespace PaymentOrchestrator.Vipps.Credentials;

/// <summary>
/// Which subscription key each key set uses now. Starts with the primary; when Vipps rejects it (401 "invalid
/// subscription key") and a secondary is configured, switches to the secondary for the life of the process, so a key
/// can be regenerated in the portal without downtime.
/// </summary>
internal sealed class SubscriptionKeySelector(ILogger<SubscriptionKeySelector> logger)
{
    private readonly ConcurrentDictionary<string, bool> _useSecondary = new(StringComparer.OrdinalIgnoreCase);

    public Secret Current(VippsKeySet keySet) =>
        _useSecondary.GetValueOrDefault(keySet.Name) && keySet.SecondarySubscriptionKey is { } secondary ? secondary : keySet.SubscriptionKey;

    /// <summary>After <paramref name="rejected"/> was refused: true when another key is now current and worth a try.</summary>
    public bool TrySwitchAfterRejection(VippsKeySet keySet, Secret rejected)
    {
        if (keySet.SecondarySubscriptionKey is not { } secondary || rejected.Equals(secondary))
        {
            return false;
        }

        if (!_useSecondary.TryGetValue(keySet.Name, out var already) || !already)
        {
            _useSecondary[keySet.Name] = true;
            VippsLog.SwitchedToSecondarySubscriptionKey(logger, keySet.Name);
        }

        return true;
    }
}
