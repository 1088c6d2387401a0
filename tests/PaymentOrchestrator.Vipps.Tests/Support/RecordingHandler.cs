namespace PaymentOrchestrator.Vipps.Tests.Support;

/// <summary>
/// Sits below the client's resilience handler, so it records every attempt on the wire into a shared
/// <see cref="RequestRecorder"/>. One instance per handler chain, as IHttpClientFactory requires.
/// </summary>
public sealed class RecordingHandler(RequestRecorder recorder) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await recorder.RecordAsync(request, cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }
}
