using PaymentOrchestrator.Vipps.Credentials;
using PaymentOrchestrator.Vipps.Http;

namespace PaymentOrchestrator.Vipps.Webhooks;

/// <summary>
/// Webhooks API v1 (<c>/webhooks/v1/webhooks</c>). With an MSN the registration covers that sales unit; without one
/// (partner keys, production) it covers every linked merchant, future ones included. The API defines no
/// Idempotency-Key, so registration is retried only on 429 (not applied) and never after an ambiguous failure:
/// list before registering again.
/// </summary>
public class VippsWebhooksClient
{
    private const string BasePath = "webhooks/v1/webhooks";
    private readonly VippsPipeline? _pipeline;

    /// <summary>For mocking.</summary>
    protected VippsWebhooksClient()
    {
    }

    internal VippsWebhooksClient(VippsPipeline pipeline) => _pipeline = pipeline;

    private VippsPipeline Pipeline => _pipeline ?? throw new InvalidOperationException("This instance was created for mocking.");

    /// <summary>Registers a webhook; the answer holds the secret, shown only once. <paramref name="msn"/> null: partner-wide.</summary>
    public virtual Task<RegisterWebhookResponse> RegisterWebhookAsync(MerchantSerialNumber? msn, RegisterWebhookRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Vipps accepts https only; plain http is let through for loopback receivers (local simulator runs).
        if (!request.Url.IsAbsoluteUri || (request.Url.Scheme != Uri.UriSchemeHttps && !(request.Url.Scheme == Uri.UriSchemeHttp && request.Url.IsLoopback)))
        {
            throw new ArgumentException("A webhook URL must be an absolute https:// URL.", nameof(request));
        }

        if (request.Events.Count == 0)
        {
            throw new ArgumentException("Give at least one event name.", nameof(request));
        }

        return Pipeline.SendAsync<RegisterWebhookResponse>(
            new VippsCall
            {
                Operation = "webhooks.register",
                Method = HttpMethod.Post,
                Path = BasePath,
                Msn = msn,
                Kind = VippsOperationKind.ManageWebhooks,
                Body = request,
                Retryable = false,
                RequiresIdempotencyKey = false,
            },
            cancellationToken);
    }

    /// <summary>Lists registered webhooks. <paramref name="msn"/> null: the partner-wide ones.</summary>
    public virtual async Task<IReadOnlyList<WebhookRegistration>> ListWebhooksAsync(MerchantSerialNumber? msn, CancellationToken cancellationToken = default)
    {
        var list = await Pipeline.SendAsync<WebhookList>(
            new VippsCall { Operation = "webhooks.list", Method = HttpMethod.Get, Path = BasePath, Msn = msn, Kind = VippsOperationKind.ManageWebhooks },
            cancellationToken);
        return list.Webhooks ?? [];
    }

    /// <summary>Deletes a registration.</summary>
    public virtual Task DeleteWebhookAsync(MerchantSerialNumber? msn, Guid id, CancellationToken cancellationToken = default) =>
        Pipeline.SendAsync(
            new VippsCall
            {
                Operation = "webhooks.delete",
                Method = HttpMethod.Delete,
                Path = BasePath + "/" + id.ToString("D"),
                Msn = msn,
                Kind = VippsOperationKind.ManageWebhooks,
                ResourceId = id.ToString("D"),
                RequiresIdempotencyKey = false,
            },
            cancellationToken);
}
