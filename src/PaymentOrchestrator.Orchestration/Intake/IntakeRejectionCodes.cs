namespace PaymentOrchestrator.Orchestration.Intake;

/// <summary>Reasons the intake refuses an event beyond the parser's own codes (which are used as they are).</summary>
public static class IntakeRejectionCodes
{
    public const string UnknownSalesUnit = "UnknownSalesUnit";
    public const string SalesUnitDisabled = "SalesUnitDisabled";
    public const string SourceNotBound = "SourceNotBound";
    public const string CurrencyMismatch = "CurrencyMismatch";
    public const string WrongQueue = "WrongQueue";
}
