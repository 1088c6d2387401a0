using System.Runtime.CompilerServices;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Orchestration.SalesUnits;

namespace PaymentOrchestrator.Orchestration.Tests.SalesUnits;

/// <summary>
/// Which commands a disabled sales unit may still send: every Vipps command the domain has is named here with the
/// rule's answer, so a command added later fails this test until someone decides whether it moves money.
/// </summary>
public sealed class SalesUnitMoneyRuleTests
{
    private static readonly Dictionary<string, bool> MovesMoney = new(StringComparer.Ordinal)
    {
        ["CreatePayment"] = true,
        ["CapturePayment"] = true,
        ["RefundPayment"] = true,
        ["GetPayment"] = false,
        ["CancelPayment"] = false,
        ["ReadPaymentCustomerDetails"] = false,
        ["DraftAgreement"] = true,
        ["GetAgreement"] = false,
        ["StopAgreement"] = false,
        ["ReadAgreementCustomerDetails"] = false,
        ["CreateCharge"] = true,
        ["CaptureCharge"] = true,
        ["RefundCharge"] = true,
        ["GetCharge"] = false,
        ["CancelCharge"] = false,
        // Hands the initial charge to its own saga: no call; that saga's capture or refund is decided as any other.
        ["HandOverInitialCharge"] = false,
    };

    private static IEnumerable<Type> CommandTypes() =>
        typeof(VippsCommand).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(VippsCommand)) && !t.IsAbstract);

    [Fact]
    public void every_vipps_command_of_the_domain_is_decided_here()
    {
        Assert.Equal(MovesMoney.Keys.Order(StringComparer.Ordinal), CommandTypes().Select(t => t.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void creating_capturing_and_refunding_move_money_reads_cancels_and_stops_do_not()
    {
        foreach (var type in CommandTypes())
        {
            // The rule looks at the command's type only; an instance without its fields is enough to ask it.
            var command = (VippsCommand)RuntimeHelpers.GetUninitializedObject(type);
            Assert.True(MovesMoney[type.Name] == SalesUnitMoneyRule.MovesMoney(command), $"{type.Name}: expected moves money = {MovesMoney[type.Name]}");
        }
    }
}
