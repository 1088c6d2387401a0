using Polly;
using PaymentOrchestrator.Vipps.Http;

namespace PaymentOrchestrator.Vipps.Resilience;

/// <summary>
/// Runs each request through the partition's Polly pipeline. Retries resend the same <see cref="HttpRequestMessage"/>
/// (buffered body, same Idempotency-Key), which is what makes retrying a capture safe.
/// </summary>
internal sealed class VippsResilienceHandler(VippsResiliencePipelines pipelines) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var partition = request.Options.TryGetValue(VippsRequestOptions.Partition, out var p) ? p : "default";
        var pipeline = pipelines.For(partition);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(VippsResiliencePipelines.RequestKey, request);
        try
        {
            return await pipeline.ExecuteAsync(
                static async (ctx, state) => await state.Handler.SendOnceAsync(state.Request, ctx.CancellationToken),
                context,
                (Handler: this, Request: request));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}
