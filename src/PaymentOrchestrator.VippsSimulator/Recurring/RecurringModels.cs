using System.Text.Json;

namespace PaymentOrchestrator.VippsSimulator.Recurring;

// Request and response shapes of Recurring v3 (recurring-v3.yaml). Internal: the simulator's own wire format.

internal sealed record PricingRequest(string? Type, string? Currency, decimal? Amount, decimal? SuggestedMaxAmount);

internal sealed record TimePeriodDto(string? Unit, int? Count);

internal sealed record InitialChargeRequest(decimal? Amount, string? Description, string? TransactionType, string? OrderId, string? ExternalId);

internal sealed class DraftAgreementRequest
{
    public PricingRequest? Pricing { get; set; }

    public TimePeriodDto? Interval { get; set; }

    public string? MerchantAgreementUrl { get; set; }

    public string? MerchantRedirectUrl { get; set; }

    public string? ProductName { get; set; }

    public string? ProductDescription { get; set; }

    public string? PhoneNumber { get; set; }

    public InitialChargeRequest? InitialCharge { get; set; }

    public JsonElement? Campaign { get; set; }

    public bool? IsApp { get; set; }

    public string? Scope { get; set; }

    public bool? SkipLandingPage { get; set; }

    public string? ExternalId { get; set; }

    public string? CountryCode { get; set; }
}

internal sealed record DraftAgreementResponse(string AgreementId, string Uuid, string VippsConfirmationUrl, string? ChargeId);

internal sealed record PricingUpdate(decimal? Amount, decimal? SuggestedMaxAmount);

internal sealed record IntervalUpdate(string? Type, TimePeriodDto? Period);

internal sealed class PatchAgreementRequest
{
    public string? ProductName { get; set; }

    public string? ProductDescription { get; set; }

    public string? MerchantAgreementUrl { get; set; }

    public string? ExternalId { get; set; }

    public string? Status { get; set; }

    public PricingUpdate? Pricing { get; set; }

    public IntervalUpdate? Interval { get; set; }
}

internal sealed record ForceAcceptRequest(string? PhoneNumber);

internal sealed class CreateChargeRequest
{
    public decimal? Amount { get; set; }

    public string? TransactionType { get; set; }

    public string? Description { get; set; }

    public string? Due { get; set; }

    public int? RetryDays { get; set; }

    public string? OrderId { get; set; }

    public string? ExternalId { get; set; }

    public string? Type { get; set; }
}

internal sealed record ChargeAmountRequest(decimal? Amount, string? Description);

internal sealed record ChargeReference(string ChargeId);

internal sealed record PricingResponse(string Type, string Currency, long? Amount, long? SuggestedMaxAmount, long? MaxAmount);

internal sealed record IntervalResponse(string Unit, int Count, string Text);

internal sealed record AgreementResponse(
    string Id,
    string Uuid,
    string Status,
    string ProductName,
    string? ProductDescription,
    PricingResponse Pricing,
    IntervalResponse Interval,
    string Created,
    string? Start,
    string? Stop,
    string MerchantAgreementUrl,
    string MerchantRedirectUrl,
    string CountryCode,
    string? ExternalId,
    string? Sub,
    string? UserinfoUrl,
    string VippsConfirmationUrl);

internal sealed record ChargeSummaryResponse(long Captured, long Refunded, long Cancelled);

internal sealed record ChargeEventResponse(string Occurred, string Event, long Amount, string IdempotencyKey, bool Success);

internal sealed record ChargeResponse(
    long Amount,
    string Currency,
    string Description,
    string Due,
    string Id,
    string AgreementId,
    string ExternalId,
    string? ExternalAgreementId,
    int RetryDays,
    string Status,
    string TransactionId,
    string Type,
    string TransactionType,
    string? FailureReason,
    string? FailureDescription,
    ChargeSummaryResponse Summary,
    IReadOnlyList<ChargeEventResponse> History);

internal sealed record ChargeOutcomeRequest(string? FailureReason, int? FailAttempts);
