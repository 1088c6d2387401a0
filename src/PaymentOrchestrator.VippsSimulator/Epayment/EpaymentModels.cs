using System.Text.Json;

namespace PaymentOrchestrator.VippsSimulator.Epayment;

// Request and response shapes of ePayment v1 (epayment-v1.yaml). Internal: the simulator's own wire format.

internal sealed record AmountDto(string? Currency, decimal? Value);

internal sealed record Money(string Currency, long Value);

internal sealed record CustomerDto(string? PhoneNumber, string? PersonalQr, string? CustomerToken);

internal sealed record PaymentMethodDto(string? Type);

internal sealed record ProfileDto(string? Scope);

internal sealed class CreatePaymentRequest
{
    public AmountDto? Amount { get; set; }

    public CustomerDto? Customer { get; set; }

    public string? CustomerInteraction { get; set; }

    public PaymentMethodDto? PaymentMethod { get; set; }

    public ProfileDto? Profile { get; set; }

    public string? Reference { get; set; }

    public string? ReturnUrl { get; set; }

    public string? UserFlow { get; set; }

    public string? ExpiresAt { get; set; }

    public JsonElement? QrFormat { get; set; }

    public string? PaymentDescription { get; set; }

    public JsonElement? Receipt { get; set; }

    public Dictionary<string, string?>? Metadata { get; set; }

    public string? ReceiptUrl { get; set; }

    public JsonElement? IndustryData { get; set; }

    public int? MinimumUserAge { get; set; }
}

internal sealed record ModificationRequest(AmountDto? ModificationAmount);

internal sealed record CancelRequest(bool? CancelTransactionOnly);

internal sealed record ForceApproveRequest(CustomerDto? Customer, string? Token);

internal sealed record CreatePaymentResponse(string? RedirectUrl, string Reference);

internal sealed record AggregateResponse(Money AuthorizedAmount, Money CancelledAmount, Money CapturedAmount, Money RefundedAmount);

internal sealed record PaymentMethodResponse(string Type);

internal sealed record ProfileResponse(string? Sub);

internal sealed record GetPaymentResponse(
    AggregateResponse Aggregate,
    Money Amount,
    string State,
    PaymentMethodResponse PaymentMethod,
    ProfileResponse Profile,
    string PspReference,
    string? RedirectUrl,
    string Reference,
    IReadOnlyDictionary<string, string?>? Metadata);

internal sealed record ModificationResponse(Money Amount, string State, AggregateResponse Aggregate, string PspReference, string Reference);

internal sealed record PaymentEventResponse(string Reference, string PspReference, string Name, Money Amount, string Timestamp, string? IdempotencyKey, bool Success);

internal sealed record PaymentWebhookEvent(string Msn, string Reference, string PspReference, string Name, Money Amount, string Timestamp, string? IdempotencyKey, bool Success);
