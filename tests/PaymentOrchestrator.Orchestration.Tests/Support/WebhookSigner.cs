using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PaymentOrchestrator.Orchestration.Tests.Support;

/// <summary>Signs a webhook exactly as Vipps documents it (request-authentication.md), computed here independently of the verifier.</summary>
internal static class WebhookSigner
{
    public static (string Date, string Hash, string Authorization) Sign(byte[] body, Uri registered, DateTimeOffset at, string secret)
    {
        var date = at.ToString("r", CultureInfo.InvariantCulture);
        var hash = Convert.ToBase64String(SHA256.HashData(body));
        var toSign = $"POST\n{registered.PathAndQuery}\n{date};{registered.Authority};{hash}";
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(toSign)));
        return (date, hash, "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=" + signature);
    }
}
