using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Recurring;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Orchestration.Stores;

namespace PaymentOrchestrator.Orchestration.SalesUnits;

/// <summary>
/// The one rule for running sagas of a disabled sales unit: no new money moves for it. Creating a payment, an
/// agreement or a charge, capturing and refunding are withheld — not sent to Vipps — and the saga needs attention with
/// the reason. Reads, cancels and stopping an agreement still go: they move no money to anyone but release a
/// customer's reservation, so a saga can finish (for a unit Vipps no longer links, Vipps itself then answers 403 and
/// the saga needs attention with Vipps' answer).
/// </summary>
public static class SalesUnitMoneyRule
{
    /// <summary>True for a command that moves money (or starts a payment or agreement that would).</summary>
    public static bool MovesMoney(VippsCommand command) => command is CreatePayment or CapturePayment or RefundPayment
        or DraftAgreement or CreateCharge or CaptureCharge or RefundCharge;

    /// <summary>Why <paramref name="command"/> is withheld for <paramref name="unit"/>, or null when it may go.</summary>
    public static string? Withheld(SalesUnit? unit, VippsCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!MovesMoney(command))
        {
            return null;
        }

        return unit switch
        {
            null => $"Sales unit {command.Saga.Msn} is no longer registered: no money moved; register it again (sales-units add) to go on.",
            { IsActive: true } => null,
            { DisabledAsUnlinked: true } => $"Sales unit {unit.Msn} is no longer linked to our partner keys at Vipps (since {Since(unit)}): no money moved; re-link it at Vipps, then `sales-units sync`.",
            _ => $"Sales unit {unit.Msn} is {unit.DisabledWhy}: no money moved; enable it again (`sales-units enable --msn {unit.Msn}`) to go on.",
        };
    }

    private static string Since(SalesUnit unit) =>
        (unit.DisabledSince ?? unit.UpdatedAt).UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
