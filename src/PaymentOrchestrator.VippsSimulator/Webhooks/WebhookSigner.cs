using System.Security.Cryptography;
using System.Text;

namespace PaymentOrchestrator.VippsSimulator.Webhooks;

/// <summary>
/// Signs a webhook request exactly as Vipps does (webhooks-api request-authentication.md, vipps-api-notes §6):
/// <c>x-ms-content-sha256 = Base64(SHA256(body))</c>;
/// <c>stringToSign = "POST\n" + pathAndQuery + "\n" + x-ms-date + ";" + host + ";" + contentHash</c> with path, query
/// and host (<see cref="Uri.Authority"/>) taken from the registered URL;
/// <c>Authorization = "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&amp;Signature=" +
/// Base64(HMACSHA256(UTF8(secret), stringToSign))</c>.
/// </summary>
internal static class WebhookSigner
{
    public static (string ContentHash, string Authorization) Sign(Uri url, string date, byte[] body, string secret)
    {
        var contentHash = Convert.ToBase64String(SHA256.HashData(body));
        var stringToSign = $"POST\n{url.PathAndQuery}\n{date};{url.Authority};{contentHash}";
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(stringToSign)));
        return (contentHash, "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=" + signature);
    }
}
