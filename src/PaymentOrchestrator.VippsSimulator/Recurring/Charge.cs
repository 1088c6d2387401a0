using System.Text.Json.Serialization;

namespace PaymentOrchestrator.VippsSimulator.Recurring;

internal sealed class Charge
{
    public required string Id { get; init; }

    public required string AgreementId { get; init; }

    public required string Msn { get; init; }

    public required long Amount { get; init; }

    public required string Currency { get; init; }

    public required string Description { get; init; }

    public required DateOnly Due { get; init; }

    public required int RetryDays { get; init; }

    public required string TransactionType { get; init; }

    public required string Type { get; init; }

    public required string ExternalId { get; init; }

    public required string TransactionId { get; init; }

    public string Status { get; set; } = "PENDING";

    public long Reserved { get; set; }

    public long Captured { get; set; }

    public long Refunded { get; set; }

    public long Cancelled { get; set; }

    public int Attempts { get; set; }

    public string? FailureReason { get; set; }

    public string? FailureDescription { get; set; }

    /// <summary>Set by the admin API: the failure reason the next attempts end with.</summary>
    public string? ConfiguredFailure { get; set; }

    /// <summary>How many attempts fail before one succeeds; null = all fail while a failure is configured.</summary>
    public int? ConfiguredFailAttempts { get; set; }

    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
    public List<ChargeEventResponse> History { get; } = [];

    public bool IsOpen => Status is "PENDING" or "DUE" or "PROCESSING";
}
