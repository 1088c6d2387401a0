using System.Text.RegularExpressions;
using PaymentOrchestrator.Vipps.Credentials;
using PaymentOrchestrator.Vipps.Errors;
using PaymentOrchestrator.Vipps.Http;

namespace PaymentOrchestrator.Vipps.Epayment;

/// <summary>
/// ePayment API v1 (<c>/epayment/v1</c>) for any sales unit: the MSN is a parameter of every call, and money-moving
/// calls take the caller's idempotency key, which is resent unchanged on every retry. Errors surface as
/// <see cref="VippsApiException"/> (from Vipps) or <see cref="VippsCredentialException"/> (no usable keys, raised
/// before any request).
/// </summary>
public partial class VippsEpaymentClient
{
    private readonly VippsPipeline? _pipeline;

    /// <summary>For mocking.</summary>
    protected VippsEpaymentClient()
    {
    }

    internal VippsEpaymentClient(VippsPipeline pipeline) => _pipeline = pipeline;

    private VippsPipeline Pipeline => _pipeline ?? throw new InvalidOperationException("This instance was created for mocking.");

    /// <summary>Creates a payment (<c>POST /payments</c>, createPayment).</summary>
    public virtual Task<CreatePaymentResponse> CreatePaymentAsync(MerchantSerialNumber msn, CreatePaymentRequest request, IdempotencyKey idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckReference(request.Reference, nameof(request));
        if (request.Customer is { GivenCount: not 1 })
        {
            throw new ArgumentException("customer must have exactly one of PhoneNumber, PersonalQr or CustomerToken.", nameof(request));
        }

        if (request.UserFlow == UserFlow.WebRedirect && string.IsNullOrEmpty(request.ReturnUrl))
        {
            throw new ArgumentException("userFlow WEB_REDIRECT needs a returnUrl.", nameof(request));
        }

        if (request.UserFlow == UserFlow.PushMessage && request.Customer is null)
        {
            throw new ArgumentException("userFlow PUSH_MESSAGE needs a customer.", nameof(request));
        }

        return Pipeline.SendAsync<CreatePaymentResponse>(
            Call("epayment.create", HttpMethod.Post, "epayment/v1/payments", msn, VippsOperationKind.MoveMoney, request.Reference, idempotencyKey, request),
            cancellationToken);
    }

    /// <summary>Reads a payment (<c>GET /payments/{reference}</c>, getPayment).</summary>
    public virtual Task<Payment> GetPaymentAsync(MerchantSerialNumber msn, string reference, CancellationToken cancellationToken = default)
    {
        CheckReference(reference, nameof(reference));
        return Pipeline.SendAsync<Payment>(Call("epayment.get", HttpMethod.Get, Path(reference), msn, VippsOperationKind.Read, reference), cancellationToken);
    }

    /// <summary>Reads a payment's event log (<c>GET /payments/{reference}/events</c>, getPaymentEventLog).</summary>
    public virtual async Task<IReadOnlyList<PaymentEvent>> GetPaymentEventsAsync(MerchantSerialNumber msn, string reference, CancellationToken cancellationToken = default)
    {
        CheckReference(reference, nameof(reference));
        return await Pipeline.SendAsync<List<PaymentEvent>>(Call("epayment.events", HttpMethod.Get, Path(reference) + "/events", msn, VippsOperationKind.Read, reference), cancellationToken);
    }

    /// <summary>Captures <paramref name="amount"/> (partial captures may repeat, each with its own key).</summary>
    public virtual Task<PaymentModification> CapturePaymentAsync(MerchantSerialNumber msn, string reference, Amount amount, IdempotencyKey idempotencyKey, CancellationToken cancellationToken = default)
    {
        CheckReference(reference, nameof(reference));
        ArgumentNullException.ThrowIfNull(amount);
        return Pipeline.SendAsync<PaymentModification>(
            Call("epayment.capture", HttpMethod.Post, Path(reference) + "/capture", msn, VippsOperationKind.MoveMoney, reference, idempotencyKey, new ModificationBody(amount)),
            cancellationToken);
    }

    /// <summary>Refunds <paramref name="amount"/> of what was captured (repeatable, each with its own key).</summary>
    public virtual Task<PaymentModification> RefundPaymentAsync(MerchantSerialNumber msn, string reference, Amount amount, IdempotencyKey idempotencyKey, CancellationToken cancellationToken = default)
    {
        CheckReference(reference, nameof(reference));
        ArgumentNullException.ThrowIfNull(amount);
        return Pipeline.SendAsync<PaymentModification>(
            Call("epayment.refund", HttpMethod.Post, Path(reference) + "/refund", msn, VippsOperationKind.MoveMoney, reference, idempotencyKey, new ModificationBody(amount)),
            cancellationToken);
    }

    /// <summary>
    /// Cancels: before authorization the payment becomes TERMINATED; after it, the uncaptured remainder is released.
    /// With <paramref name="cancelTransactionOnly"/>, only a not-yet-authorized payment is cancelled (error 6060 otherwise).
    /// </summary>
    public virtual Task<PaymentModification> CancelPaymentAsync(MerchantSerialNumber msn, string reference, IdempotencyKey idempotencyKey, bool cancelTransactionOnly = false, CancellationToken cancellationToken = default)
    {
        CheckReference(reference, nameof(reference));
        return Pipeline.SendAsync<PaymentModification>(
            Call("epayment.cancel", HttpMethod.Post, Path(reference) + "/cancel", msn, VippsOperationKind.MoveMoney, reference, idempotencyKey, cancelTransactionOnly ? new CancelBody(true) : null),
            cancellationToken);
    }

    /// <summary>
    /// Approves a payment as a test user (<c>POST /test/payments/{reference}/approve</c>). Test environment only:
    /// refused before any request when the client is configured for production.
    /// </summary>
    public virtual Task ForceApprovePaymentAsync(MerchantSerialNumber msn, string reference, ForceApproveRequest request, CancellationToken cancellationToken = default)
    {
        CheckReference(reference, nameof(reference));
        ArgumentNullException.ThrowIfNull(request);
        if (Pipeline.Environment != VippsEnvironment.Test)
        {
            throw new InvalidOperationException("Force approve exists only in the Vipps test environment; this client is configured for Production.");
        }

        if ((request.Customer is null) == (request.Token is null))
        {
            throw new ArgumentException("Give either a customer or the token from the create answer's redirectUrl.", nameof(request));
        }

        return Pipeline.SendAsync(
            new VippsCall
            {
                Operation = "epayment.approve",
                Method = HttpMethod.Post,
                Path = "epayment/v1/test/payments/" + Uri.EscapeDataString(reference) + "/approve",
                Msn = msn,
                Kind = VippsOperationKind.MoveMoney,
                ResourceId = reference,
                Body = request,
                RequiresIdempotencyKey = false,
            },
            cancellationToken);
    }

    private static VippsCall Call(string operation, HttpMethod method, string path, MerchantSerialNumber msn, VippsOperationKind kind, string reference, IdempotencyKey? key = null, object? body = null) => new()
    {
        Operation = operation,
        Method = method,
        Path = path,
        Msn = msn,
        Kind = kind,
        ResourceId = reference,
        IdempotencyKey = key,
        Body = body,
    };

    private static string Path(string reference) => "epayment/v1/payments/" + Uri.EscapeDataString(reference);

    private static void CheckReference(string reference, string parameter)
    {
        if (reference is null || !ReferencePattern().IsMatch(reference))
        {
            throw new ArgumentException($"A payment reference is 8 to 50 characters of [a-zA-Z0-9-]; got '{reference}'.", parameter);
        }
    }

    [GeneratedRegex("^[a-zA-Z0-9-]{8,50}$", RegexOptions.CultureInvariant)]
    private static partial Regex ReferencePattern();
}
