using Microsoft.Extensions.Diagnostics.Enrichment;
using Microsoft.Extensions.Http.Logging;

namespace PaymentOrchestrator.Vipps.Http;

/// <summary>
/// Adds the Vipps operation and resilience pipeline (key set / MSN) to the HTTP client log of every Vipps attempt.
/// Never a header or body: what the extended HTTP logger writes besides method, host, path, status and duration is
/// only what <see cref="VippsServiceCollectionExtensions"/> lists, and no secret-bearing header is listed.
/// </summary>
internal sealed class VippsHttpLogEnricher : IHttpClientLogEnricher
{
    public const string OperationTag = "vipps.operation";
    public const string PipelineTag = "vipps.pipeline";

    public void Enrich(IEnrichmentTagCollector collector, HttpRequestMessage request, HttpResponseMessage? response, Exception? exception)
    {
        ArgumentNullException.ThrowIfNull(collector);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Options.TryGetValue(VippsRequestOptions.Operation, out var operation))
        {
            collector.Add(OperationTag, operation);
        }

        if (request.Options.TryGetValue(VippsRequestOptions.PipelineKey, out var pipeline))
        {
            collector.Add(PipelineTag, pipeline);
        }
    }
}
