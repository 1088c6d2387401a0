using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Orchestration.Publishing;

namespace PaymentOrchestrator.Orchestration.Tests.Support;

/// <summary>A publisher that drops every outcome: for tests of storage that publish nothing worth reading.</summary>
internal sealed class NoPublisher : IOutcomePublisher
{
    public Task PublishAsync(OutgoingEvent outcome, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
