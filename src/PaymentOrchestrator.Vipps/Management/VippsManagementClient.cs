using PaymentOrchestrator.Vipps.Credentials;
using PaymentOrchestrator.Vipps.Errors;
using PaymentOrchestrator.Vipps.Http;

namespace PaymentOrchestrator.Vipps.Management;

/// <summary>
/// Management API v1 (management-v1.yaml), the released endpoints only (those tagged "Ideas" are proposals): the
/// sales units linked to the partner, one unit's details and capabilities, a merchant's units by business
/// identifier, and pre-filled product orders. Called with the key set <c>Vipps:ManagementKeySet</c> (management or
/// partner keys) when set, else like every other call (partner keys in production, the MSN's own keys where mapped).
/// Accounting keys are refused before any request, and management keys never move money (their key set is never
/// chosen for ePayment or Recurring, and is refused there if mapped by hand). The spec defines no pagination: each list
/// is one answer.
/// </summary>
public class VippsManagementClient
{
    private const string BasePath = "management/v1/";
    private static readonly HashSet<int> UnavailableAnswers = [403, 404];
    private static readonly HashSet<int> UnknownMerchant = [404];
    private readonly VippsPipeline? _pipeline;

    /// <summary>For mocking.</summary>
    protected VippsManagementClient()
    {
    }

    internal VippsManagementClient(VippsPipeline pipeline) => _pipeline = pipeline;

    private VippsPipeline Pipeline => _pipeline ?? throw new InvalidOperationException("This instance was created for mocking.");

    /// <summary>The sales units linked to the partner (<c>GET /management/v1/sales-units</c>), partner-wide: no MSN header.</summary>
    public virtual async Task<IReadOnlyList<SalesUnitSummary>> ListSalesUnitsAsync(CancellationToken cancellationToken = default) =>
        await Pipeline.SendAsync<List<SalesUnitSummary>>(Get("management.sales-units.list", "sales-units", msn: null, resourceId: null), cancellationToken);

    /// <summary>
    /// One sales unit's name, business identifier and capabilities (<c>GET /management/v1/sales-units/{msn}</c>, with
    /// the MSN in <c>Merchant-Serial-Number</c> too): <see cref="SalesUnitFound"/>, or <see cref="SalesUnitUnavailable"/>
    /// when Vipps answers 404 (unknown) or 403 (not linked to these keys).
    /// </summary>
    public virtual async Task<SalesUnitResult> GetSalesUnitAsync(MerchantSerialNumber msn, CancellationToken cancellationToken = default)
    {
        var answer = await Pipeline.SendForAnswerAsync<SalesUnitDetails>(
            Get("management.sales-units.get", "sales-units/" + msn.Value, msn, resourceId: null, UnavailableAnswers),
            cancellationToken);
        return answer.Value is { } unit
            ? new SalesUnitFound(unit)
            : new SalesUnitUnavailable(msn, answer.Status, answer.Problem?.Detail ?? answer.Problem?.Title ?? $"HTTP {answer.Status}");
    }

    /// <summary>
    /// A merchant's sales units that are linked to the partner (<c>GET /management/v1/merchants/{scheme}/{id}/sales-units</c>).
    /// A merchant Vipps does not know (404) has none: the list is empty, which is also what an onboarding merchant
    /// shows until its product order is completed.
    /// </summary>
    public virtual async Task<IReadOnlyList<SalesUnitSummary>> ListMerchantSalesUnitsAsync(BusinessIdentifier merchant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(merchant);
        var path = $"merchants/{Uri.EscapeDataString(merchant.Scheme)}/{Uri.EscapeDataString(merchant.Id)}/sales-units";
        var answer = await Pipeline.SendForAnswerAsync<List<SalesUnitSummary>>(
            Get("management.merchants.sales-units", path, msn: null, merchant.ToString(), UnknownMerchant),
            cancellationToken);
        return answer.Value ?? [];
    }

    /// <summary>
    /// Sends a pre-filled product order for a merchant (<c>POST /management/v1/product-orders</c>). The caller's
    /// <paramref name="idempotencyKey"/> makes retries safe: the same key and body give the same order; the same key
    /// with another body is refused by Vipps (a <see cref="VippsApiException"/> with status 409).
    /// </summary>
    public virtual Task<ProductOrder> CreateProductOrderAsync(ProductOrderRequest request, IdempotencyKey idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Check();
        return Pipeline.SendAsync<ProductOrder>(
            new VippsCall
            {
                Operation = "management.product-orders.create",
                Method = HttpMethod.Post,
                Path = BasePath + "product-orders",
                Kind = VippsOperationKind.ManageSalesUnits,
                IdempotencyKey = idempotencyKey,
                Body = request,
                ResourceId = request.BusinessIdentifier.ToString(),
            },
            cancellationToken);
    }

    private static VippsCall Get(string operation, string path, MerchantSerialNumber? msn, string? resourceId, IReadOnlySet<int>? answered = null) => new()
    {
        Operation = operation,
        Method = HttpMethod.Get,
        Path = BasePath + path,
        Kind = VippsOperationKind.ManageSalesUnits,
        Msn = msn,
        ResourceId = resourceId,
        AnsweredStatuses = answered,
    };
}
