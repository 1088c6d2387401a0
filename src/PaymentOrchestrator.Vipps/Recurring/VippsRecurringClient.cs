using System.Globalization;
using System.Text;
using PaymentOrchestrator.Vipps.Credentials;
using PaymentOrchestrator.Vipps.Errors;
using PaymentOrchestrator.Vipps.Http;

namespace PaymentOrchestrator.Vipps.Recurring;

/// <summary>
/// Recurring API v3 (<c>/recurring/v3</c>): agreements and charges for any sales unit. The MSN is sent on every call
/// (required for partners); every POST/PATCH/DELETE takes the caller's idempotency key. Errors surface as
/// <see cref="VippsApiException"/> or, before any request, <see cref="VippsCredentialException"/>.
/// </summary>
public class VippsRecurringClient
{
    private const int MaxPages = 1000;
    private readonly VippsPipeline? _pipeline;

    /// <summary>For mocking.</summary>
    protected VippsRecurringClient()
    {
    }

    internal VippsRecurringClient(VippsPipeline pipeline) => _pipeline = pipeline;

    private VippsPipeline Pipeline => _pipeline ?? throw new InvalidOperationException("This instance was created for mocking.");

    /// <summary>Drafts an agreement for the user to accept (<c>POST /agreements</c>).</summary>
    public virtual Task<DraftAgreementResponse> DraftAgreementAsync(MerchantSerialNumber msn, DraftAgreementRequest request, IdempotencyKey idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Pipeline.SendAsync<DraftAgreementResponse>(
            Call("recurring.agreement.create", HttpMethod.Post, "recurring/v3/agreements", msn, VippsOperationKind.MoveMoney, null, idempotencyKey, request),
            cancellationToken);
    }

    /// <summary>Reads an agreement (<c>GET /agreements/{agreementId}</c>).</summary>
    public virtual Task<Agreement> GetAgreementAsync(MerchantSerialNumber msn, string agreementId, CancellationToken cancellationToken = default)
    {
        CheckId(agreementId, nameof(agreementId));
        return Pipeline.SendAsync<Agreement>(Call("recurring.agreement.get", HttpMethod.Get, AgreementPath(agreementId), msn, VippsOperationKind.Read, agreementId), cancellationToken);
    }

    /// <summary>
    /// Lists agreements (<c>GET /agreements</c>). Without <paramref name="status"/> Vipps returns only ACTIVE ones;
    /// <paramref name="createdAfter"/> (epoch milliseconds) pages through long lists.
    /// </summary>
    public virtual async Task<IReadOnlyList<Agreement>> ListAgreementsAsync(MerchantSerialNumber msn, AgreementStatus? status = null, long? createdAfter = null, CancellationToken cancellationToken = default)
    {
        var query = new StringBuilder("recurring/v3/agreements");
        var separator = '?';
        if (status is { } s)
        {
            query.Append(separator).Append("status=").Append(Uri.EscapeDataString(Wire(s)));
            separator = '&';
        }

        if (createdAfter is { } after)
        {
            query.Append(separator).Append("createdAfter=").Append(after.ToString(CultureInfo.InvariantCulture));
        }

        return await Pipeline.SendAsync<List<Agreement>>(Call("recurring.agreement.list", HttpMethod.Get, query.ToString(), msn, VippsOperationKind.Read, null), cancellationToken);
    }

    /// <summary>Updates product, URLs, external id or price (<c>PATCH /agreements/{agreementId}</c>).</summary>
    public virtual Task UpdateAgreementAsync(MerchantSerialNumber msn, string agreementId, UpdateAgreementRequest request, IdempotencyKey idempotencyKey, CancellationToken cancellationToken = default)
    {
        CheckId(agreementId, nameof(agreementId));
        ArgumentNullException.ThrowIfNull(request);
        return Pipeline.SendAsync(Call("recurring.agreement.update", HttpMethod.Patch, AgreementPath(agreementId), msn, VippsOperationKind.MoveMoney, agreementId, idempotencyKey, request), cancellationToken);
    }

    /// <summary>
    /// Stops an agreement for good (<c>PATCH</c> with <c>{"status":"STOPPED"}</c> alone). Vipps cancels its PENDING,
    /// DUE and RESERVED charges.
    /// </summary>
    public virtual Task StopAgreementAsync(MerchantSerialNumber msn, string agreementId, IdempotencyKey idempotencyKey, CancellationToken cancellationToken = default)
    {
        CheckId(agreementId, nameof(agreementId));
        return Pipeline.SendAsync(Call("recurring.agreement.update", HttpMethod.Patch, AgreementPath(agreementId), msn, VippsOperationKind.MoveMoney, agreementId, idempotencyKey, new StopAgreementBody("STOPPED")), cancellationToken);
    }

    /// <summary>
    /// Accepts a pending agreement as a test user (<c>PATCH /agreements/{agreementId}/accept</c>). Test environment
    /// only: refused before any request when the client is configured for production.
    /// </summary>
    public virtual Task ForceAcceptAgreementAsync(MerchantSerialNumber msn, string agreementId, string phoneNumber, IdempotencyKey idempotencyKey, CancellationToken cancellationToken = default)
    {
        CheckId(agreementId, nameof(agreementId));
        ArgumentException.ThrowIfNullOrWhiteSpace(phoneNumber);
        if (Pipeline.Environment != VippsEnvironment.Test)
        {
            throw new InvalidOperationException("Force accept exists only in the Vipps test environment; this client is configured for Production.");
        }

        return Pipeline.SendAsync(Call("recurring.agreement.accept", HttpMethod.Patch, AgreementPath(agreementId) + "/accept", msn, VippsOperationKind.MoveMoney, agreementId, idempotencyKey, new ForceAcceptBody(phoneNumber)), cancellationToken);
    }

    /// <summary>Creates a charge (<c>POST /agreements/{agreementId}/charges</c>). Only the merchant creates charges.</summary>
    public virtual Task<ChargeReference> CreateChargeAsync(MerchantSerialNumber msn, string agreementId, CreateChargeRequest request, IdempotencyKey idempotencyKey, CancellationToken cancellationToken = default)
    {
        CheckId(agreementId, nameof(agreementId));
        ArgumentNullException.ThrowIfNull(request);
        return Pipeline.SendAsync<ChargeReference>(Call("recurring.charge.create", HttpMethod.Post, AgreementPath(agreementId) + "/charges", msn, VippsOperationKind.MoveMoney, agreementId, idempotencyKey, request), cancellationToken);
    }

    /// <summary>Reads a charge (<c>GET /agreements/{agreementId}/charges/{chargeId}</c>).</summary>
    public virtual Task<Charge> GetChargeAsync(MerchantSerialNumber msn, string agreementId, string chargeId, CancellationToken cancellationToken = default)
    {
        CheckId(agreementId, nameof(agreementId));
        CheckId(chargeId, nameof(chargeId));
        return Pipeline.SendAsync<Charge>(Call("recurring.charge.get", HttpMethod.Get, ChargePath(agreementId, chargeId), msn, VippsOperationKind.Read, chargeId), cancellationToken);
    }

    /// <summary>Reads a charge by its id alone (<c>GET /charges/{chargeId}</c>); for investigations, not automation.</summary>
    public virtual Task<Charge> GetChargeByIdAsync(MerchantSerialNumber msn, string chargeId, CancellationToken cancellationToken = default)
    {
        CheckId(chargeId, nameof(chargeId));
        return Pipeline.SendAsync<Charge>(Call("recurring.charge.getById", HttpMethod.Get, "recurring/v3/charges/" + Uri.EscapeDataString(chargeId), msn, VippsOperationKind.Read, chargeId), cancellationToken);
    }

    /// <summary>
    /// Lists an agreement's charges (<c>GET /agreements/{agreementId}/charges</c>), following the short-lived
    /// <c>Continuation-Token</c> header through every page.
    /// </summary>
    public virtual async Task<IReadOnlyList<Charge>> ListChargesAsync(MerchantSerialNumber msn, string agreementId, ChargeStatus? status = null, CancellationToken cancellationToken = default)
    {
        CheckId(agreementId, nameof(agreementId));
        var path = AgreementPath(agreementId) + "/charges" + (status is { } s ? "?status=" + Uri.EscapeDataString(Wire(s)) : "");
        var all = new List<Charge>();
        string? continuation = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var call = new VippsCall
            {
                Operation = "recurring.charge.list",
                Method = HttpMethod.Get,
                Path = path,
                Msn = msn,
                Kind = VippsOperationKind.Read,
                ResourceId = agreementId,
                ContinuationToken = continuation,
            };
            var (charges, next) = await Pipeline.SendPageAsync<List<Charge>>(call, cancellationToken);
            all.AddRange(charges);
            if (next is null)
            {
                return all;
            }

            continuation = next;
        }

        throw new InvalidOperationException($"Listing charges of agreement {agreementId} did not end after {MaxPages} pages.");
    }

    /// <summary>Captures (part of) a RESERVED charge (<c>POST …/charges/{chargeId}/capture</c>).</summary>
    public virtual Task CaptureChargeAsync(MerchantSerialNumber msn, string agreementId, string chargeId, long amount, string description, IdempotencyKey idempotencyKey, CancellationToken cancellationToken = default)
    {
        CheckId(agreementId, nameof(agreementId));
        CheckId(chargeId, nameof(chargeId));
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        return Pipeline.SendAsync(Call("recurring.charge.capture", HttpMethod.Post, ChargePath(agreementId, chargeId) + "/capture", msn, VippsOperationKind.MoveMoney, chargeId, idempotencyKey, new ChargeModificationBody(amount, description)), cancellationToken);
    }

    /// <summary>Refunds (part of) a charged charge (<c>POST …/charges/{chargeId}/refund</c>).</summary>
    public virtual Task RefundChargeAsync(MerchantSerialNumber msn, string agreementId, string chargeId, long amount, string description, IdempotencyKey idempotencyKey, CancellationToken cancellationToken = default)
    {
        CheckId(agreementId, nameof(agreementId));
        CheckId(chargeId, nameof(chargeId));
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        return Pipeline.SendAsync(Call("recurring.charge.refund", HttpMethod.Post, ChargePath(agreementId, chargeId) + "/refund", msn, VippsOperationKind.MoveMoney, chargeId, idempotencyKey, new ChargeModificationBody(amount, description)), cancellationToken);
    }

    /// <summary>Cancels a PENDING, DUE or RESERVED charge (<c>DELETE …/charges/{chargeId}</c>).</summary>
    public virtual Task CancelChargeAsync(MerchantSerialNumber msn, string agreementId, string chargeId, IdempotencyKey idempotencyKey, CancellationToken cancellationToken = default)
    {
        CheckId(agreementId, nameof(agreementId));
        CheckId(chargeId, nameof(chargeId));
        return Pipeline.SendAsync(Call("recurring.charge.cancel", HttpMethod.Delete, ChargePath(agreementId, chargeId), msn, VippsOperationKind.MoveMoney, chargeId, idempotencyKey), cancellationToken);
    }

    private static VippsCall Call(string operation, HttpMethod method, string path, MerchantSerialNumber msn, VippsOperationKind kind, string? resourceId, IdempotencyKey? key = null, object? body = null) => new()
    {
        Operation = operation,
        Method = method,
        Path = path,
        Msn = msn,
        Kind = kind,
        ResourceId = resourceId,
        IdempotencyKey = key,
        Body = body,
    };

    private static string AgreementPath(string agreementId) => "recurring/v3/agreements/" + Uri.EscapeDataString(agreementId);

    private static string ChargePath(string agreementId, string chargeId) => AgreementPath(agreementId) + "/charges/" + Uri.EscapeDataString(chargeId);

    private static string Wire<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        TolerantEnumConverter<TEnum>.WireName(value) ?? throw new ArgumentException($"{typeof(TEnum).Name}.{value} cannot be sent to Vipps.", nameof(value));

    private static void CheckId(string id, string parameter)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 100)
        {
            throw new ArgumentException("An agreement or charge id must be 1 to 100 characters.", parameter);
        }
    }
}
