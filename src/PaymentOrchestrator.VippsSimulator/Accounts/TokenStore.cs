using System.Globalization;
using System.Text;
using PaymentOrchestrator.VippsSimulator.Infrastructure;

namespace PaymentOrchestrator.VippsSimulator.Accounts;

internal sealed record IssuedToken(string AccessToken, string ClientId, DateTimeOffset NotBefore, DateTimeOffset ExpiresOn);

/// <summary>Issued access tokens. Several valid tokens per key set may exist at once, as with Vipps.</summary>
internal sealed class TokenStore(IdGenerator ids)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);

    public IssuedToken Issue(string clientId, DateTimeOffset now, TimeSpan lifetime)
    {
        var expires = now + lifetime;
        var header = Base64Url("""{"typ":"JWT","alg":"RS256","x5t":"simulator","kid":"simulator"}""");
        var payload = Base64Url(SimulatorJson.Serialize(new Dictionary<string, object>
        {
            ["aud"] = "00000002-0000-0000-c000-000000000000",
            ["iss"] = "https://vipps-simulator.local/",
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["appid"] = clientId,
            ["jti"] = ids.NewGuid().ToString(),
        }));
        var token = new IssuedToken($"{header}.{payload}.{ids.Alnum(86)}", clientId, now, expires);
        lock (_gate)
        {
            if (_tokens.Count > 10_000)
            {
                foreach (var stale in _tokens.Where(t => t.Value.ExpiresOn <= now).Select(t => t.Key).ToList())
                {
                    _tokens.Remove(stale);
                }
            }

            _tokens[token.AccessToken] = token;
        }

        return token;
    }

    public IssuedToken? Find(string accessToken)
    {
        lock (_gate)
        {
            return _tokens.GetValueOrDefault(accessToken);
        }
    }

    public static string Epoch(DateTimeOffset value) => value.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
