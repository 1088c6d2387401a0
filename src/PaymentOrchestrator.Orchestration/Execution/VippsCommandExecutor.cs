using Microsoft.Extensions.Logging;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Recurring;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Running;
using PaymentOrchestrator.Vipps.Credentials;
using PaymentOrchestrator.Vipps.Epayment;
using PaymentOrchestrator.Vipps.Errors;
using VippsProblem = PaymentOrchestrator.Domain.Sagas.VippsProblem;
using PaymentOrchestrator.Vipps.Recurring;
using PaymentOrchestrator.Vipps.Userinfo;
using static PaymentOrchestrator.Orchestration.Execution.VippsMapping;

namespace PaymentOrchestrator.Orchestration.Execution;

/// <summary>
/// Runs saga commands through the Vipps client with the idempotency key stored in the command, and turns the answer
/// — or the failure's classification — into the saga's result input. The client's own retries (Polly) run inside one
/// execution; what still fails comes back as <see cref="CommandFailedTransient"/> (the saga backs off and retries with
/// the same key) or <see cref="CommandFailedPermanent"/> (the saga needs attention, with the Vipps problem kept).
/// </summary>
public sealed partial class VippsCommandExecutor(
    VippsEpaymentClient epayment,
    VippsRecurringClient recurring,
    VippsUserinfoClient userinfo,
    ILogger<VippsCommandExecutor> logger) : ICommandExecutor
{
    public async Task<CommandResult> ExecuteAsync(VippsCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        try
        {
            return await RunAsync(command, cancellationToken);
        }
        catch (VippsApiException e)
        {
            LogFailed(command.Saga, command.Operation, command.Key.Value, e.IsTransient, e.Status, e.ErrorCode);
            var problem = Problem(e);
            return e.IsTransient ? new CommandFailedTransient(command.Key, problem) : new CommandFailedPermanent(command.Key, problem);
        }
        catch (VippsCredentialException e)
        {
            // A configuration problem (no key set for this MSN, or keys that cannot move money): retrying cannot help,
            // and nothing reached Vipps — the saga's attention reason says "not sent", not "refused by Vipps".
            LogFailed(command.Saga, command.Operation, command.Key.Value, false, null, null);
            return new CommandFailedPermanent(command.Key, VippsProblem.NotSent("No usable Vipps credentials", e.Message));
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException
                                   || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogFailed(command.Saga, command.Operation, command.Key.Value, true, null, null);
            return new CommandFailedTransient(command.Key, new VippsProblem(null, null, "No answer from Vipps", e.Message));
        }
    }

    private async Task<CommandResult> RunAsync(VippsCommand command, CancellationToken ct)
    {
        var msn = Msn(command.Saga.Msn);
        var key = Key(command.Key);
        switch (command)
        {
            case CreatePayment c:
                var created = await epayment.CreatePaymentAsync(msn, VippsMapping.CreatePayment(c), key, ct);
                return new PaymentCreated(c.Key, created.RedirectUrl);
            case GetPayment g:
                var payment = await epayment.GetPaymentAsync(msn, g.Reference.Value, ct);
                var currency = Currency(payment.Amount?.Currency ?? Vipps.Currency.Unknown, Domain.Values.Currency.NOK);
                return new PaymentRead(g.Key, State(payment.State) ?? VippsPaymentState.Created, Aggregate(payment.Aggregate, currency));
            case CapturePayment c:
                var captured = await epayment.CapturePaymentAsync(msn, c.Reference.Value, Amount(c.Amount), key, ct);
                return new CaptureSucceeded(c.Key, Aggregate(captured.Aggregate, c.Amount.Currency));
            case RefundPayment r:
                var refunded = await epayment.RefundPaymentAsync(msn, r.Reference.Value, Amount(r.Amount), key, ct);
                return new RefundSucceeded(r.Key, Aggregate(refunded.Aggregate, r.Amount.Currency));
            case CancelPayment c:
                var cancelled = await epayment.CancelPaymentAsync(msn, c.Reference.Value, key, cancelTransactionOnly: false, ct);
                var cancelCurrency = Currency(cancelled.Amount?.Currency ?? Vipps.Currency.Unknown, Domain.Values.Currency.NOK);
                return new CancelSucceeded(c.Key, State(cancelled.State) ?? VippsPaymentState.Created, Aggregate(cancelled.Aggregate, cancelCurrency));
            case DraftAgreement d:
                var drafted = await recurring.DraftAgreementAsync(msn, VippsMapping.DraftAgreement(d.Draft), key, ct);
                return new AgreementDrafted(d.Key, drafted.AgreementId, drafted.VippsConfirmationUrl ?? string.Empty, drafted.ChargeId);
            case GetAgreement g:
                var agreement = await recurring.GetAgreementAsync(msn, g.AgreementId, ct);
                return new AgreementRead(g.Key, Status(agreement.Status) ?? VippsAgreementStatus.Pending);
            case StopAgreement s:
                await recurring.StopAgreementAsync(msn, s.AgreementId, key, ct);
                return new AgreementStopSucceeded(s.Key);
            case CreateCharge c:
                await recurring.CreateChargeAsync(msn, c.AgreementId, VippsMapping.CreateCharge(c), key, ct);
                return new ChargeCreated(c.Key);
            case GetCharge g:
                var charge = await recurring.GetChargeAsync(msn, g.AgreementId, g.ChargeId.Value, ct);
                var chargeCurrency = Currency(charge.Currency, Domain.Values.Currency.NOK);
                return new ChargeRead(g.Key, Status(charge.Status) ?? VippsChargeStatus.Pending, Summary(charge.Summary, chargeCurrency),
                    FailureReason(charge.FailureReason), charge.FailureDescription,
                    charge.History.Where(h => h is { Success: true, Event: ChargeEventType.Capture }).Select(h => (DateTimeOffset?)h.Occurred).Max());
            case CaptureCharge c:
                await recurring.CaptureChargeAsync(msn, c.AgreementId, c.ChargeId.Value, c.Amount.MinorUnits, c.Description, key, ct);
                return new ChargeCaptureSucceeded(c.Key);
            case RefundCharge r:
                await recurring.RefundChargeAsync(msn, r.AgreementId, r.ChargeId.Value, r.Amount.MinorUnits, r.Description, key, ct);
                return new ChargeRefundSucceeded(r.Key);
            case CancelCharge c:
                await recurring.CancelChargeAsync(msn, c.AgreementId, c.ChargeId.Value, key, ct);
                return new ChargeCancelSucceeded(c.Key);
            case ReadPaymentCustomerDetails d:
                // The sub is read again here rather than kept in the row: it identifies the customer at this sales unit.
                return (await epayment.GetPaymentAsync(msn, d.Reference.Value, ct)).Profile?.Sub is { Length: > 0 } paymentSub
                    ? CustomerDetails(d.Key, await userinfo.GetUserinfoAsync(msn, paymentSub, ct))
                    : NoSubject(d.Key, "payment");
            case ReadAgreementCustomerDetails d:
                return (await recurring.GetAgreementAsync(msn, d.AgreementId, ct)).Sub is { Length: > 0 } agreementSub
                    ? CustomerDetails(d.Key, await userinfo.GetUserinfoAsync(msn, agreementSub, ct))
                    : NoSubject(d.Key, "agreement");
            default:
                return new CommandFailedPermanent(command.Key, new VippsProblem(null, null, $"Unknown command {command.GetType().Name}"));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Saga {SagaKey}: Vipps {Operation} with key {IdempotencyKey} failed (transient {Transient}, status {Status}, error code {ErrorCode})")]
    private partial void LogFailed(SagaKey sagaKey, string operation, string idempotencyKey, bool transient, int? status, string? errorCode);
}
