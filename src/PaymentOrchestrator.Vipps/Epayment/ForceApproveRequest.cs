namespace PaymentOrchestrator.Vipps.Epayment;

/// <summary>Body of force approve (test only): the customer, or the token from the create answer's redirectUrl.</summary>
public sealed record ForceApproveRequest
{
    /// <summary>The test user approving.</summary>
    public Customer? Customer { get; init; }

    /// <summary>The token from <see cref="CreatePaymentResponse.RedirectUrl"/>.</summary>
    public string? Token { get; init; }
}
