using PaymentOrchestrator.Domain.Contracts;

namespace PaymentOrchestrator.Orchestration.Publishing;

/// <summary>
/// Where outcome events go: the Azurite queue <c>payment-events</c> locally, Service Bus in Azure. Delivery is at least
/// once; each outcome's id is derived from what it is about, so consumers drop copies by id.
/// </summary>
public interface IOutcomePublisher
{
    Task PublishAsync(OutgoingEvent outcome, CancellationToken cancellationToken = default);
}
