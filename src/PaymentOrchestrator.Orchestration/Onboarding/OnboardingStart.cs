namespace PaymentOrchestrator.Orchestration.Onboarding;

/// <summary>
/// What starting an onboarding gave: the onboarding as stored (Sent, Refused by Vipps, or still Sending when Vipps
/// did not answer: the maintenance job re-sends it with the same key), or, with nothing stored, the refusal: its
/// <see cref="Code"/> (<c>InvalidValue</c>, <c>AlreadyOnboarding</c>, <c>VippsUnavailable</c>), the field when one is
/// to blame, and the reason.
/// </summary>
public sealed record OnboardingStart(Onboarding? Onboarding, string? Code = null, string? Field = null, string? Reason = null)
{
    public const string InvalidValue = "InvalidValue";
    public const string AlreadyOnboarding = "AlreadyOnboarding";
    public const string VippsUnavailable = "VippsUnavailable";
}
