using PaymentOrchestrator.Vipps.Management;

namespace PaymentOrchestrator.Orchestration.Tests.Support;

/// <summary>What the Vipps Management API says a sales unit may do, as the tests register it.</summary>
internal static class Capabilities
{
    /// <summary>A ReserveCapture unit that may do everything; tests take away one capability with <c>with</c>.</summary>
    public static SalesUnitConfiguration AllAllowed { get; } = new()
    {
        PaymentAllowed = true, CaptureType = CaptureType.ReserveCapture, SkipLandingPageAllowed = true, RecurringAllowed = true,
    };
}
