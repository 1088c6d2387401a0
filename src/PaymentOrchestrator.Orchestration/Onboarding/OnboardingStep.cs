namespace PaymentOrchestrator.Orchestration.Onboarding;

/// <summary>One observed change of an onboarding: the status it reached, when, and what we sent or saw.</summary>
/// <param name="Status">The status reached.</param>
/// <param name="At">When we observed it.</param>
/// <param name="Detail">What we sent or saw, e.g. the prefill URL or the new MSN.</param>
public sealed record OnboardingStep(OnboardingStatus Status, DateTimeOffset At, string Detail);
