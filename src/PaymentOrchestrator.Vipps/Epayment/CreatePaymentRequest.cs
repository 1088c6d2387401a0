using System.Text.Json;

namespace PaymentOrchestrator.Vipps.Epayment;

/// <summary>Body of <c>POST /epayment/v1/payments</c> (<c>CreatePaymentRequest</c>).</summary>
public sealed record CreatePaymentRequest
{
    /// <summary>The amount to reserve.</summary>
    public required Amount Amount { get; init; }

    /// <summary>WALLET or CARD.</summary>
    public required PaymentMethod PaymentMethod { get; init; }

    /// <summary>8–50 characters of <c>[a-zA-Z0-9-]</c>, unique per MSN; prefix it with the MSN or a store code.</summary>
    public required string Reference { get; init; }

    /// <summary>How the user reaches the payment.</summary>
    public required UserFlow UserFlow { get; init; }

    /// <summary>Where the user returns (required for WEB_REDIRECT); https or a custom scheme.</summary>
    public string? ReturnUrl { get; init; }

    /// <summary>The customer, when known (required for PUSH_MESSAGE).</summary>
    public Customer? Customer { get; init; }

    /// <summary>Customer present at a point of sale, or not (default).</summary>
    public CustomerInteraction? CustomerInteraction { get; init; }

    /// <summary>3–100 characters shown to the user and in settlements.</summary>
    public string? PaymentDescription { get; init; }

    /// <summary>User information to ask for.</summary>
    public ProfileRequest? Profile { get; init; }

    /// <summary>At most 5 pairs; keys ≤ 100, values ≤ 500 characters; returned by GetPayment.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Long-living payment expiry (PUSH_MESSAGE or QR only, needs <see cref="Receipt"/>).</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>QR format (userFlow QR only).</summary>
    public QrFormat? QrFormat { get; init; }

    /// <summary>Order Management receipt, passed through as JSON.</summary>
    public JsonElement? Receipt { get; init; }

    /// <summary>Where a receipt can be viewed.</summary>
    public string? ReceiptUrl { get; init; }

    /// <summary>Minimum user age (newer Vipps versions).</summary>
    public int? MinimumUserAge { get; init; }
}
