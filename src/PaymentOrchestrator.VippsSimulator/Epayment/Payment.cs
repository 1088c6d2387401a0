using System.Text.Json.Serialization;

namespace PaymentOrchestrator.VippsSimulator.Epayment;

internal sealed class Payment
{
    public required string Msn { get; init; }

    public required string Reference { get; init; }

    public required string Currency { get; init; }

    public required long Value { get; init; }

    public required string PaymentMethod { get; init; }

    public required string UserFlow { get; init; }

    public required string PspReference { get; init; }

    public required string Token { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public required DateTimeOffset? AutoApproveAt { get; init; }

    public string? RedirectUrl { get; init; }

    public string? ReturnUrl { get; init; }

    public string? PhoneNumber { get; set; }

    public string? ProfileScope { get; init; }

    public string? ProfileSub { get; set; }

    public IReadOnlyDictionary<string, string?>? Metadata { get; init; }

    /// <summary>Created for a DirectCapture sales unit: the whole amount is captured when the customer authorizes.</summary>
    public bool DirectCapture { get; init; }

    public PaymentState State { get; set; } = PaymentState.CREATED;

    public DateTimeOffset? AuthorizedAt { get; set; }

    public long Captured { get; set; }

    public long Refunded { get; set; }

    public long Cancelled { get; set; }

    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
    public List<PaymentEventResponse> Events { get; } = [];

    public long Authorized => State == PaymentState.AUTHORIZED ? Value : 0;

    public long Capturable => Authorized - Captured - Cancelled;

    public Money Money(long value) => new(Currency, value);

    public AggregateResponse Aggregate() => new(Money(Authorized), Money(Cancelled), Money(Captured), Money(Refunded));
}
