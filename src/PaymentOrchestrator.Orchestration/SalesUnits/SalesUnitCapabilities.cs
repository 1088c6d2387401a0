using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Vipps.Management;

namespace PaymentOrchestrator.Orchestration.SalesUnits;

/// <summary>What the Management API says a unit is and may do, in one line for a person.</summary>
public static class SalesUnitCapabilities
{
    /// <summary>The registered unit's: <c>business:NO:ORG/912345670, ReserveCapture, payments, recurring, no skip-landing-page</c>.</summary>
    public static string Describe(SalesUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return Describe(unit.BusinessIdentifier, unit.Capabilities);
    }

    /// <summary>A capability Vipps left out shows as <c>?</c>; <c>not read</c> when Vipps was never asked.</summary>
    public static string Describe(BusinessIdentifier? businessIdentifier, SalesUnitConfiguration? capabilities)
    {
        if (capabilities is not { } c)
        {
            return "not read";
        }

        static string Flag(bool? allowed, string name) => allowed switch { true => name, false => "no " + name, null => name + "?" };
        return string.Join(", ",
            businessIdentifier?.ToString() ?? "no business identifier",
            c.CaptureType?.ToString() ?? "capture type?",
            Flag(c.PaymentAllowed, "payments"),
            Flag(c.RecurringAllowed, "recurring"),
            Flag(c.SkipLandingPageAllowed, "skip-landing-page"));
    }
}
