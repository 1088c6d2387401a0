namespace PaymentOrchestrator.Orchestration.Onboarding;

/// <summary>
/// Where an onboarding stands, as far as we can observe it. Vipps's own statuses of the order (RECEIVED, PROCESSING,
/// WAITING_FOR_MERCHANT) are not visible: the endpoint that reads them is an unreleased "Ideas" proposal.
/// </summary>
public enum OnboardingStatus
{
    /// <summary>Written before the product order was posted; the maintenance job posts it again with the same key.</summary>
    Sending,

    /// <summary>Vipps accepted the order; we wait for a new sales unit of the merchant to appear.</summary>
    Sent,

    /// <summary>A new sales unit of the merchant appeared: its MSN is known.</summary>
    Completed,

    /// <summary>Vipps refused the order (the reason says why); nothing will appear.</summary>
    Refused,

    /// <summary>No new sales unit appeared within <c>Maintenance:OnboardingExpiry</c>; we stopped looking.</summary>
    Expired,
}
