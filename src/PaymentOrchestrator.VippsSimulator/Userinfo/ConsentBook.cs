using System.Security.Cryptography;
using System.Text;
using PaymentOrchestrator.VippsSimulator.Clock;

namespace PaymentOrchestrator.VippsSimulator.Userinfo;

/// <summary>
/// The customer's consents to share profile details, and what the Userinfo API may return for them. Vipps'
/// behaviour (Userinfo API guide and FAQ):
/// <list type="bullet">
/// <item>the consent screen comes before the payment (or agreement) screen; a customer who does not share cannot pay,
/// so declining fails the payment (ABORTED) or agreement (STOPPED, rejected) and no <c>sub</c> is issued;</item>
/// <item>a <c>sub</c> is per sales unit and stable: the same person gets the same <c>sub</c> again at that MSN, and
/// another one at every other MSN (derived here from the person's NIN and the MSN);</item>
/// <item>the details stay readable for 168 hours after the consent (<see cref="SimulatorOptions.UserinfoRetention"/>),
/// even if the customer withdraws it meanwhile; after that the API has nothing for the <c>sub</c>;</item>
/// <item>a customer who consented before is not asked again, so the details returned are the union of the scopes
/// consented at that sales unit within the window.</item>
/// </list>
/// Every method runs under the simulator's state lock (the services' callers hold it).
/// </summary>
internal sealed class ConsentBook(SimulatorOptions options, SimulatorClock clock)
{
    private readonly List<ConsentGrant> _grants = [];

    /// <summary>Records the consent and returns the customer's <c>sub</c> at <paramref name="msn"/>.</summary>
    public string Grant(string msn, string scope, DateTimeOffset at)
    {
        var sub = SubFor(msn);
        _grants.Add(new ConsentGrant(msn, sub, ProfileScopes.Parse(scope), at));
        return sub;
    }

    /// <summary>The customer's <c>sub</c> at <paramref name="msn"/>: stable, and different at every sales unit.</summary>
    public string SubFor(string msn)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("vipps-simulator-sub|" + options.TestPerson.Nin + "|" + msn));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }

    /// <summary>Ends every open consent for (<paramref name="msn"/>, <paramref name="sub"/>) now; false when there is none.</summary>
    public bool Withdraw(string msn, string sub)
    {
        var now = clock.GetUtcNow();
        var found = false;
        for (var i = 0; i < _grants.Count; i++)
        {
            if (_grants[i].Msn == msn && _grants[i].Sub == sub && _grants[i].WithdrawnAt is null)
            {
                _grants[i] = _grants[i] with { WithdrawnAt = now };
                found = true;
            }
        }

        return found;
    }

    /// <summary>What <c>GET /vipps-userinfo-api/userinfo/{sub}</c> answers for <paramref name="msn"/>.</summary>
    public UserinfoLookup Read(string msn, string sub)
    {
        var grants = _grants.Where(g => g.Msn == msn && g.Sub == sub).ToList();
        if (grants.Count == 0)
        {
            return new UserinfoLookup(UserinfoLookupKind.Unknown, null);
        }

        var now = clock.GetUtcNow();
        var open = grants.Where(g => g.WithdrawnAt is null && now < g.ConsentedAt + options.UserinfoRetention).ToList();
        if (open.Count == 0)
        {
            return new UserinfoLookup(UserinfoLookupKind.Expired, null);
        }

        var scopes = open.SelectMany(g => g.Scopes).ToHashSet(StringComparer.Ordinal);
        return new UserinfoLookup(UserinfoLookupKind.Found, ProfileScopes.Claims(sub, scopes, options.TestPerson));
    }

    internal IReadOnlyList<ConsentGrant> Export() => [.. _grants];

    internal void Import(IEnumerable<ConsentGrant> grants)
    {
        _grants.Clear();
        _grants.AddRange(grants);
    }
}

internal enum UserinfoLookupKind
{
    Found,
    Unknown,
    Expired,
}

internal sealed record UserinfoLookup(UserinfoLookupKind Kind, Dictionary<string, object>? Claims);
