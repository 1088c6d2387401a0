using Microsoft.Extensions.Logging;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Running;
using PaymentOrchestrator.Orchestration.Stores;

namespace PaymentOrchestrator.Orchestration.SalesUnits;

/// <summary>
/// The command executor of both hosts: <see cref="SalesUnitMoneyRule"/> before the Vipps executor. Only a command that
/// moves money reads the unit's row (one point read, a few per saga); every other command goes straight through. A
/// withheld command becomes <see cref="CommandFailedPermanent"/> with a <see cref="VippsProblem.NotSent"/> problem, so
/// the saga needs attention with the reason, and nothing reached Vipps.
/// </summary>
public sealed partial class SalesUnitMoneyGuard(ICommandExecutor vipps, SalesUnitStore salesUnits, ILogger<SalesUnitMoneyGuard> logger) : ICommandExecutor
{
    public async Task<CommandResult> ExecuteAsync(VippsCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (SalesUnitMoneyRule.MovesMoney(command)
            && SalesUnitMoneyRule.Withheld(await salesUnits.GetAsync(command.Saga.Msn, cancellationToken), command) is { } reason)
        {
            LogWithheld(command.Saga, command.Operation, reason);
            Telemetry.OrchestratorTelemetry.Withheld(command.Saga.Msn.Value, command.Operation);
            return new CommandFailedPermanent(command.Key, VippsProblem.NotSent(reason));
        }

        return await vipps.ExecuteAsync(command, cancellationToken);
    }

    [LoggerMessage(EventId = 4623, Level = LogLevel.Warning, Message = "Saga {SagaKey}: {Operation} withheld: {Reason}")]
    private partial void LogWithheld(SagaKey sagaKey, string operation, string reason);
}
