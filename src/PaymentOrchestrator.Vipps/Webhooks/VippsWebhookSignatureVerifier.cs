using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PaymentOrchestrator.Vipps.Webhooks;

/// <summary>
/// Verifies a Vipps webhook request exactly as Vipps documents it (WH-doc request-authentication.md):
/// <list type="number">
/// <item><c>contentHash = Base64(SHA256(raw body bytes))</c> must equal <c>x-ms-content-sha256</c>;</item>
/// <item><c>stringToSign = "POST\n" + pathAndQuery + "\n" + x-ms-date + ";" + host + ";" + contentHash</c>, with path,
/// query and host (<see cref="Uri.Authority"/>) taken from the <b>registered</b> URL, not the incoming Host header;</item>
/// <item><c>Authorization</c> must equal <c>"HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&amp;Signature="
/// + Base64(HMACSHA256(UTF8(secret), stringToSign))</c>, compared in constant time.</item>
/// </list>
/// Our own policy on top: <c>x-ms-date</c> must lie within a freshness window (default 5 minutes either way).
/// </summary>
public sealed class VippsWebhookSignatureVerifier
{
    /// <summary>The default freshness window.</summary>
    public static readonly TimeSpan DefaultFreshnessWindow = TimeSpan.FromMinutes(5);

    private const string AuthorizationPrefix = "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=";
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a verifier reading time from <paramref name="timeProvider"/> (system clock when null).</summary>
    public VippsWebhookSignatureVerifier(TimeProvider? timeProvider = null, TimeSpan? freshnessWindow = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        FreshnessWindow = freshnessWindow ?? DefaultFreshnessWindow;
        if (FreshnessWindow <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(freshnessWindow), "The freshness window must be positive.");
        }
    }

    /// <summary>How far x-ms-date may be from now, either way.</summary>
    public TimeSpan FreshnessWindow { get; }

    /// <summary>
    /// Verifies one request. Pass the raw body bytes as received (never re-serialized JSON), the three headers, the URL
    /// the webhook was registered with, and the secret from <see cref="RegisterWebhookResponse.Secret"/>.
    /// </summary>
    public WebhookSignatureResult Verify(Uri registeredUrl, Secret secret, ReadOnlySpan<byte> body, string? xMsDate, string? xMsContentSha256, string? authorization)
    {
        ArgumentNullException.ThrowIfNull(registeredUrl);
        ArgumentNullException.ThrowIfNull(secret);
        if (!registeredUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("The registered URL must be absolute.", nameof(registeredUrl));
        }

        if (string.IsNullOrEmpty(xMsDate) || string.IsNullOrEmpty(xMsContentSha256) || string.IsNullOrEmpty(authorization))
        {
            var missing = string.Join(", ", new[] { ("x-ms-date", xMsDate), ("x-ms-content-sha256", xMsContentSha256), ("Authorization", authorization) }
                .Where(h => string.IsNullOrEmpty(h.Item2)).Select(h => h.Item1));
            return WebhookSignatureResult.Fail(WebhookSignatureFailure.MissingHeader, $"Missing header(s): {missing}.");
        }

        if (!DateTimeOffset.TryParseExact(xMsDate, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sent))
        {
            return WebhookSignatureResult.Fail(WebhookSignatureFailure.InvalidDate, "x-ms-date is not an RFC 1123 date such as 'Sun, 06 Nov 1994 08:49:37 GMT'.");
        }

        var contentHash = Convert.ToBase64String(SHA256.HashData(body));
        if (!FixedTimeEquals(contentHash, xMsContentSha256))
        {
            return WebhookSignatureResult.Fail(WebhookSignatureFailure.ContentHashMismatch, "x-ms-content-sha256 does not match the SHA-256 of the raw body; verify the bytes as received, not re-serialized JSON.");
        }

        var stringToSign = "POST\n" + registeredUrl.PathAndQuery + "\n" + xMsDate + ";" + registeredUrl.Authority + ";" + contentHash;
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret.Reveal()), Encoding.UTF8.GetBytes(stringToSign)));
        if (!FixedTimeEquals(AuthorizationPrefix + signature, authorization))
        {
            return WebhookSignatureResult.Fail(WebhookSignatureFailure.SignatureMismatch, "The Authorization header does not carry the expected HMAC-SHA256 signature for the registered URL and secret.");
        }

        var skew = _timeProvider.GetUtcNow() - sent;
        if (skew.Duration() > FreshnessWindow)
        {
            return WebhookSignatureResult.Fail(WebhookSignatureFailure.Stale, string.Create(CultureInfo.InvariantCulture, $"x-ms-date is {skew.Duration().TotalSeconds:0} s away from now; at most {FreshnessWindow.TotalSeconds:0} s is accepted."));
        }

        return WebhookSignatureResult.Valid;
    }

    /// <summary>Overload taking the secret as a string.</summary>
    public WebhookSignatureResult Verify(Uri registeredUrl, string secret, ReadOnlySpan<byte> body, string? xMsDate, string? xMsContentSha256, string? authorization) =>
        Verify(registeredUrl, new Secret(secret ?? throw new ArgumentNullException(nameof(secret))), body, xMsDate, xMsContentSha256, authorization);

    private static bool FixedTimeEquals(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));
}
