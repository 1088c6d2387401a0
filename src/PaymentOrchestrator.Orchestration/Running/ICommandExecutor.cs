using PaymentOrchestrator.Domain.Sagas;

namespace PaymentOrchestrator.Orchestration.Running;

/// <summary>
/// Runs one command against Vipps with its stored idempotency key and maps the answer — or the failure's
/// classification — to the result input the saga decides on. Never throws for a Vipps or network failure: those become
/// <see cref="CommandFailedTransient"/> or <see cref="CommandFailedPermanent"/>.
/// </summary>
public interface ICommandExecutor
{
    Task<CommandResult> ExecuteAsync(VippsCommand command, CancellationToken cancellationToken = default);
}
