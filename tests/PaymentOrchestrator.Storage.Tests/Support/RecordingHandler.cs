using System.Collections.Concurrent;
using System.Net;

namespace PaymentOrchestrator.Storage.Tests.Support;

/// <summary>
/// An HttpMessageHandler between Azure.Core's transport and the wire: records what is really sent, and can answer the
/// first <see cref="FailFirst"/> attempts itself (503 or a network error) before delegating to Azurite.
/// </summary>
internal sealed class RecordingHandler : DelegatingHandler
{
    private int _attempts;

    public RecordingHandler(HttpMessageHandler? inner = null)
        : base(inner ?? new SocketsHttpHandler())
    {
    }

    public int FailFirst { get; init; }

    public bool FailWithNetworkError { get; init; }

    public bool Offline { get; init; }

    public int Attempts => _attempts;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _attempts);
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue(new RecordedRequest(
            request.Method.Method, request.RequestUri!,
            request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
                .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase),
            body));
        if (Offline)
        {
            throw new HttpRequestException("offline test handler: no request may be sent");
        }

        if (attempt <= FailFirst)
        {
            if (FailWithNetworkError)
            {
                throw new HttpRequestException("simulated connection reset");
            }

            var busy = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request };
            busy.Headers.Add("x-ms-request-id", $"simulated-{attempt}");
            busy.Headers.Add("x-ms-error-code", "ServerBusy");
            return busy;
        }

        return await base.SendAsync(request, cancellationToken);
    }
}

internal sealed record RecordedRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? Body);
