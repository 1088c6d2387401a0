using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Recurring;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Sagas;

/// <summary>
/// What happened to the money, in the words finance uses — the one place that says it. A payment saga stays
/// <see cref="EpaymentStatus.Authorized"/> through captures, refunds and cancels; its money status follows the
/// amounts (captured, refunded, cancelled). Agreements and charges have their own words. The API returns it beside
/// the saga's state, and the CLI, the console (list, badge, filter) and the CSV all show it.
/// </summary>
public static class MoneyStatus
{
    public const string AwaitingCustomer = "Awaiting customer";
    public const string Authorized = "Authorized";
    public const string PartlyCaptured = "Partly captured";
    public const string Captured = "Captured";
    public const string PartlyRefunded = "Partly refunded";
    public const string Refunded = "Refunded";
    public const string Cancelled = "Cancelled";
    public const string Expired = "Expired";
    public const string Aborted = "Aborted";
    public const string Failed = "Failed";
    public const string NeedsAttention = "Needs attention";
    public const string Active = "Active";
    public const string Stopped = "Stopped";
    public const string Pending = "Pending";
    public const string Due = "Due";
    public const string Processing = "Processing";
    public const string Reserved = "Reserved";
    public const string Charged = "Charged";

    /// <summary>Every money status of a kind, in the order a person reads them (the console's filter offers these).</summary>
    public static IReadOnlyList<string> Of(SagaKind kind) => kind switch
    {
        SagaKind.Payment => [AwaitingCustomer, Authorized, PartlyCaptured, Captured, PartlyRefunded, Refunded, Cancelled, Expired, Aborted, NeedsAttention],
        SagaKind.Agreement => [AwaitingCustomer, Active, Stopped, Expired, NeedsAttention],
        SagaKind.Charge => [Pending, Due, Processing, Reserved, PartlyCaptured, Charged, PartlyRefunded, Refunded, Cancelled, Failed, NeedsAttention],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown saga kind."),
    };

    /// <summary>
    /// The money status of a saga from its kind, its state's status (the enum's name, as stored) and its amounts in
    /// minor units (null reads as 0). A status this code does not know is returned as it is.
    /// </summary>
    public static string Of(SagaKind kind, string sagaStatus, long? amount, long? captured, long? refunded, long? cancelled)
    {
        ArgumentNullException.ThrowIfNull(sagaStatus);
        return kind switch
        {
            SagaKind.Payment when Enum.TryParse<EpaymentStatus>(sagaStatus, out var s) => OfPayment(s, amount ?? 0, captured ?? 0, refunded ?? 0, cancelled ?? 0),
            SagaKind.Agreement when Enum.TryParse<AgreementStatus>(sagaStatus, out var s) => OfAgreement(s),
            SagaKind.Charge when Enum.TryParse<ChargeStatus>(sagaStatus, out var s) => OfCharge(s),
            _ => sagaStatus,
        };
    }

    private static string OfPayment(EpaymentStatus status, long amount, long captured, long refunded, long cancelled) => status switch
    {
        EpaymentStatus.New or EpaymentStatus.Creating or EpaymentStatus.AwaitingCustomer => AwaitingCustomer,
        EpaymentStatus.Aborted => Aborted,
        EpaymentStatus.Expired => Expired,
        EpaymentStatus.Terminated => Cancelled,
        EpaymentStatus.NeedsAttention => NeedsAttention,
        _ when refunded > 0 => refunded >= captured ? Refunded : PartlyRefunded,
        // Captured in part with the rest cancelled is settled: nothing is reserved any more.
        _ when captured > 0 => captured + cancelled >= amount ? Captured : PartlyCaptured,
        _ when cancelled > 0 => Cancelled,
        _ => Authorized,
    };

    private static string OfAgreement(AgreementStatus status) => status switch
    {
        AgreementStatus.New or AgreementStatus.Drafting or AgreementStatus.Pending => AwaitingCustomer,
        AgreementStatus.Active => Active,
        AgreementStatus.Stopped => Stopped,
        AgreementStatus.Expired => Expired,
        _ => NeedsAttention,
    };

    private static string OfCharge(ChargeStatus status) => status switch
    {
        ChargeStatus.New or ChargeStatus.Creating or ChargeStatus.Pending => Pending,
        ChargeStatus.Due => Due,
        ChargeStatus.Processing => Processing,
        ChargeStatus.Reserved => Reserved,
        ChargeStatus.PartiallyCaptured => PartlyCaptured,
        ChargeStatus.Charged => Charged,
        ChargeStatus.PartiallyRefunded => PartlyRefunded,
        ChargeStatus.Refunded => Refunded,
        ChargeStatus.Failed => Failed,
        ChargeStatus.Cancelled => Cancelled,
        _ => NeedsAttention,
    };
}
