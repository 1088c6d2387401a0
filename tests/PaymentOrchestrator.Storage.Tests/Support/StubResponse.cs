using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;

namespace PaymentOrchestrator.Storage.Tests.Support;

/// <summary>A canned response for pipeline policies under test.</summary>
internal sealed class StubResponse(int status, string reason, params (string Name, string Value)[] headers) : Response
{
    private readonly Dictionary<string, string> _headers = headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase);

    public override int Status => status;

    public override string ReasonPhrase => reason;

    // Azure.Core's transport sets IsError; a canned response that bypasses the transport has to say it itself.
    public override bool IsError => status >= 400;

    public override Stream? ContentStream { get; set; } = new MemoryStream();

    public override string ClientRequestId { get; set; } = string.Empty;

    public override void Dispose()
    {
    }

    protected override bool ContainsHeader(string name) => _headers.ContainsKey(name);

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => _headers.Select(h => new HttpHeader(h.Key, h.Value));

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value) => _headers.TryGetValue(name, out value);

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        var found = _headers.TryGetValue(name, out var value);
        values = found ? [value!] : null;
        return found;
    }
}
