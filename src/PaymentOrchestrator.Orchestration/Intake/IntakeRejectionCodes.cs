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

    /// <summary>
    /// The event's source and id were applied before to another saga or as another event type (a CloudEvent's id is
    /// unique per source): refused, so the event is dead-lettered with its reason instead of completed as a duplicate.
    /// </summary>
    public const string EventIdReused = "EventIdReused";

    /// <summary>The sales unit may not take payments (<c>paymentAllowed: false</c>, e.g. approved for Login only).</summary>
    public const string PaymentsNotAllowed = "PaymentsNotAllowed";

    /// <summary>The sales unit has no Recurring API (<c>recurringAllowed: false</c>): no agreements, no charges.</summary>
    public const string RecurringNotAllowed = "RecurringNotAllowed";

    /// <summary>A PUSH_MESSAGE payment (which skips the landing page) for a unit with <c>skipLandingPageAllowed: false</c>.</summary>
    public const string SkipLandingPageNotAllowed = "SkipLandingPageNotAllowed";
}
