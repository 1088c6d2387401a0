namespace PaymentOrchestrator.Vipps.Management;

/// <summary>
/// What a sales unit may do (management-v1.yaml <c>SalesUnit.configuration</c>). Vipps says a value it leaves out
/// "doesn't mean that those details don't apply", so each is null when not given: decide what null means where it is used.
/// </summary>
public sealed record SalesUnitConfiguration
{
    /// <summary>Whether the unit may take payments (false: e.g. approved for Login only).</summary>
    public bool? PaymentAllowed { get; init; }

    /// <summary>ReserveCapture, DirectCapture, NotApplicable, or <see cref="CaptureType.Unknown"/> for a new value.</summary>
    public CaptureType? CaptureType { get; init; }

    /// <summary>Whether the unit may send <c>skipLandingPage</c>.</summary>
    public bool? SkipLandingPageAllowed { get; init; }

    /// <summary>Whether the unit has the Recurring API.</summary>
    public bool? RecurringAllowed { get; init; }
}
