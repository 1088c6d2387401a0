namespace PaymentOrchestrator.Orchestration.Intake;

/// <summary>Reasons the intake refuses an event beyond the parser's own codes (which are used as they are).</summary>
public static class IntakeRejectionCodes
{
    public const string UnknownSalesUnit = "UnknownSalesUnit";
    public const string SalesUnitDisabled = "SalesUnitDisabled";
    public const string SourceNotBound = "SourceNotBound";

    /// <summary>The source is bound to the sales unit but lacks the right this event type needs.</summary>
    public const string SourceNotPermitted = "source-not-permitted";
    public const string CurrencyMismatch = "CurrencyMismatch";
    public const string WrongQueue = "WrongQueue";
}
