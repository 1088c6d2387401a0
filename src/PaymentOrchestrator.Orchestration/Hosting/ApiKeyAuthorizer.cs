using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace PaymentOrchestrator.Orchestration.Hosting;

/// <summary>Checks a presented API key against the configured ones in constant time (hashes of equal length, no early exit).</summary>
public sealed class ApiKeyAuthorizer(IOptions<ApiKeyOptions> options)
{
    public bool IsAuthorized(string? presentedKey)
    {
        if (string.IsNullOrEmpty(presentedKey))
        {
            return false;
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey));
        var match = false;
        foreach (var key in options.Value.Keys)
        {
            if (!string.IsNullOrEmpty(key))
            {
                match |= CryptographicOperations.FixedTimeEquals(presented, SHA256.HashData(Encoding.UTF8.GetBytes(key)));
            }
        }

        return match;
    }
}
