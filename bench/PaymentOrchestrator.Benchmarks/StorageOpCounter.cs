using System.Collections.Concurrent;
using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PaymentOrchestrator.Storage;
using Azure.Storage.Queues.Models;
using Azure.Data.Tables;

namespace PaymentOrchestrator.Benchmarks;

/// <summary>Counts the Table and Queue REST operations the orchestrator makes, by kind, on the wire.</summary>
internal sealed class StorageOpCounter
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_counts, StringComparer.Ordinal);

    public void Reset() => _counts.Clear();

    /// <summary>Replaces the orchestrator's storage clients with ones whose transport counts (call after AddPaymentOrchestrator).</summary>
    public void Install(IServiceCollection services)
    {
        // Both SDK clients send through Azure.Core's transport; one counting transport sees every operation.
        var transport = new HttpClientTransport(new Handler(this));
        services.Replace(ServiceDescriptor.Singleton(sp => new StorageClients(sp.GetRequiredService<IOptions<StorageConnectionOptions>>().Value, null, transport)));
    }

    internal static string Classify(HttpRequestMessage request)
    {
        var path = request.RequestUri?.AbsolutePath ?? string.Empty;
        var query = request.RequestUri?.Query ?? string.Empty;
        var method = request.Method.Method;
        if (path.EndsWith("/messages", StringComparison.Ordinal))
        {
            return method == "POST" ? "queue: send" : "queue: " + method.ToLowerInvariant();
        }

        if (path.EndsWith("/$batch", StringComparison.Ordinal))
        {
            return "table: transaction";
        }

        if (path.Contains("/Tables", StringComparison.Ordinal))
        {
            return "table: create table";
        }

        return method switch
        {
            "GET" when path.Contains("(PartitionKey=", StringComparison.Ordinal) => "table: point read",
            "GET" => query.Contains("filter", StringComparison.OrdinalIgnoreCase) ? "table: query" : "table: read",
            "PUT" => "table: update",
            "MERGE" or "PATCH" => "table: merge",
            "POST" => "table: insert",
            "DELETE" => "table: delete",
            _ => "other: " + method,
        };
    }

    private sealed class Handler(StorageOpCounter owner) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            owner._counts.AddOrUpdate(Classify(request), 1, (_, n) => n + 1);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
