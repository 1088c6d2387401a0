using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace PaymentOrchestrator.Api;

/// <summary>
/// Checks API keys in constant time: the presented key and every configured key are hashed (so lengths do not leak) and
/// compared with <see cref="CryptographicOperations.FixedTimeEquals"/>, always against all keys. Each key is bound to one
/// CloudEvents source (<see cref="ApiKeyOptions"/>): the caller may act only for sales units that bind it.
/// </summary>
public sealed class ApiKeyAuthenticator
{
    /// <summary>Shorter keys are refused at start: they could be guessed.</summary>
    public const int MinimumKeyLength = 16;

    private readonly Lock _gate = new();
    private readonly List<(byte[] Hash, ApiCaller Caller)> _keys = [];

    public ApiKeyAuthenticator(IOptions<ApiKeyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var key in options.Value.Keys)
        {
            Add(key.Name ?? "unnamed", key.Key ?? string.Empty, key.Source ?? string.Empty, key.ManagesSalesUnits);
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _keys.Count;
            }
        }
    }

    /// <summary>Adds a key (configured, or made for the session by <c>run</c>).</summary>
    public void Add(string name, string key, string source, bool managesSalesUnits = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < MinimumKeyLength)
        {
            throw new InvalidOperationException($"API key settings: the key of '{name}' is shorter than {MinimumKeyLength} characters; use a long random key.");
        }

        if (string.IsNullOrWhiteSpace(source))
        {
            throw new InvalidOperationException($"API key settings: give '{name}' a Source (e.g. finance/acme); sales units bind sources, not keys.");
        }

        lock (_gate)
        {
            _keys.Add((Hash(key), new ApiCaller(name, source, managesSalesUnits)));
        }
    }

    /// <summary>The caller the key belongs to, or null for a missing or unknown key.</summary>
    public ApiCaller? Authenticate(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }

        var hash = Hash(presented);
        ApiCaller? match = null;
        lock (_gate)
        {
            foreach (var (keyHash, caller) in _keys)
            {
                // No early exit: the time taken does not depend on which key (if any) matched.
                if (CryptographicOperations.FixedTimeEquals(hash, keyHash) && match is null)
                {
                    match = caller;
                }
            }
        }

        return match;
    }

    /// <summary>A new random key (32 bytes, URL-safe base64).</summary>
    public static string NewKey() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
