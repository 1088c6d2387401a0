using PaymentOrchestrator.Vipps.Credentials;

namespace PaymentOrchestrator.Vipps.Http;

/// <summary>One Vipps API call as the clients describe it to <see cref="VippsPipeline"/>.</summary>
internal sealed class VippsCall
{
    /// <summary>Operation name for logs, errors and resilience, e.g. <c>epayment.capture</c>.</summary>
    public required string Operation { get; init; }

    public required HttpMethod Method { get; init; }

    /// <summary>Path relative to the base address, already escaped, e.g. <c>epayment/v1/payments/abc/capture</c>.</summary>
    public required string Path { get; init; }

    public required VippsOperationKind Kind { get; init; }

    /// <summary>Null only for partner-wide webhook calls.</summary>
    public MerchantSerialNumber? Msn { get; init; }

    public IdempotencyKey? IdempotencyKey { get; init; }

    public object? Body { get; init; }

    /// <summary>Payment reference, agreement or charge id: logged, never secret.</summary>
    public string? ResourceId { get; init; }

    /// <summary>False for calls that are not idempotent at Vipps (webhook registration): retried only on 429.</summary>
    public bool Retryable { get; init; } = true;

    public string? ContinuationToken { get; init; }

    /// <summary>False only where the API defines no Idempotency-Key (force approve, webhooks).</summary>
    public bool RequiresIdempotencyKey { get; init; } = true;

    /// <summary>
    /// False for the Report API, which takes no Merchant-Serial-Number: there <see cref="Msn"/> only chooses the
    /// accounting key set and is logged.
    /// </summary>
    public bool SendsMerchantSerialNumber { get; init; } = true;

    /// <summary>
    /// Personal values in the request (the Userinfo API's <c>sub</c> in the path) that an error answer might echo:
    /// replaced in every problem text, and in its <c>instance</c>, before it reaches an exception, a result or a log.
    /// </summary>
    public IReadOnlyList<string>? PersonalValues { get; init; }

    /// <summary>Error statuses that are answers for this call (the Report API's 404 "not closed yet", 403 "no access"), not failures.</summary>
    public IReadOnlySet<int>? AnsweredStatuses { get; init; }
}
