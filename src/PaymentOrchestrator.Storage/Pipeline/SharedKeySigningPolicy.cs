using System.Globalization;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using PaymentOrchestrator.Storage.Connections;

namespace PaymentOrchestrator.Storage.Pipeline;

/// <summary>
/// Shared Key signing, installed per retry so <c>x-ms-date</c> and the signature are fresh on every attempt. Signs only
/// headers actually sent (Azure.Core drops Content-Type without content). The canonicalized resource is
/// <c>/account + escaped path</c>, so with path-style URLs (Azurite) the account appears twice.
/// </summary>
internal sealed class SharedKeySigningPolicy(StorageSharedKeyCredential credential, StorageService service) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        var date = DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture);
        request.Headers.SetValue("x-ms-date", date);
        var stringToSign = service == StorageService.Table
            ? TableStringToSign(request, date, credential.AccountName)
            : BlobQueueStringToSign(request, credential.AccountName);
        request.Headers.SetValue("Authorization", $"SharedKey {credential.AccountName}:{credential.Sign(stringToSign)}");
    }

    internal static string TableStringToSign(Request request, string date, string account)
    {
        var uri = request.Uri.ToUri();
        var resource = "/" + account + uri.AbsolutePath;
        var comp = ParseQuery(uri.Query).FirstOrDefault(p => p.Name.Equals("comp", StringComparison.OrdinalIgnoreCase));
        if (comp.Name is not null)
        {
            resource += "?comp=" + comp.Value;
        }

        return $"{request.Method.Method}\n{Header(request, "Content-MD5")}\n{ContentType(request)}\n{date}\n{resource}";
    }

    internal static string BlobQueueStringToSign(Request request, string account)
    {
        var uri = request.Uri.ToUri();
        long length = 0;
        if (request.Content is not null && !request.Content.TryComputeLength(out length))
        {
            length = 0;
        }

        var sb = new StringBuilder()
            .Append(request.Method.Method).Append('\n')
            .Append(Header(request, "Content-Encoding")).Append('\n')
            .Append(Header(request, "Content-Language")).Append('\n')
            .Append(length == 0 ? string.Empty : length.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(Header(request, "Content-MD5")).Append('\n')
            .Append(ContentType(request)).Append('\n')
            .Append('\n') // Date: empty, x-ms-date is signed instead
            .Append(Header(request, "If-Modified-Since")).Append('\n')
            .Append(Header(request, "If-Match")).Append('\n')
            .Append(Header(request, "If-None-Match")).Append('\n')
            .Append(Header(request, "If-Unmodified-Since")).Append('\n')
            .Append(Header(request, "Range")).Append('\n');
        foreach (var (name, value) in request.Headers
                     .Where(h => h.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
                     .Select(h => (Name: h.Name.ToLowerInvariant(), h.Value))
                     .OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            sb.Append(name).Append(':').Append(value.Trim()).Append('\n');
        }

        sb.Append('/').Append(account).Append(uri.AbsolutePath);
        foreach (var group in ParseQuery(uri.Query)
                     .GroupBy(p => p.Name.ToLowerInvariant(), StringComparer.Ordinal)
                     .OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            sb.Append('\n').Append(group.Key).Append(':')
                .Append(string.Join(",", group.Select(p => p.Value).Order(StringComparer.Ordinal)));
        }

        return sb.ToString();
    }

    private static string Header(Request request, string name) =>
        request.Headers.TryGetValue(name, out var value) ? value : string.Empty;

    // Content-Type is only sent with content; signing a dropped header would produce a 403.
    private static string ContentType(Request request) => request.Content is null ? string.Empty : Header(request, "Content-Type");

    private static IEnumerable<(string Name, string Value)> ParseQuery(string query)
    {
        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? part : part[..eq];
            var value = eq < 0 ? string.Empty : part[(eq + 1)..];
            yield return (Uri.UnescapeDataString(name), Uri.UnescapeDataString(value));
        }
    }
}
