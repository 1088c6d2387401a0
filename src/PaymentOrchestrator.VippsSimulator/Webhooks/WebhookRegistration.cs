using System.Threading.Channels;

namespace PaymentOrchestrator.VippsSimulator.Webhooks;

internal sealed class WebhookRegistration
{
    public required Guid Id { get; init; }

    public required Uri Url { get; init; }

    public required IReadOnlyList<string> Events { get; init; }

    public required string Secret { get; init; }

    /// <summary>Client id of the key set that registered it.</summary>
    public required string OwnerClientId { get; init; }

    /// <summary>The sales unit it covers; null = partner-wide (every sales unit linked to the owner, future ones too).</summary>
    public string? Msn { get; init; }

    /// <summary>Deliveries in publication order; one worker per registration keeps that order.</summary>
    public Channel<WebhookDelivery> Queue { get; } = Channel.CreateUnbounded<WebhookDelivery>(new UnboundedChannelOptions { SingleReader = true });

    public CancellationTokenSource Stopping { get; } = new();
}
