namespace PaymentOrchestrator.Domain.Contracts;

/// <summary>The CloudEvents 1.0 context attributes of an event (structured JSON mode).</summary>
/// <param name="Id">Unique per source; used to drop duplicate deliveries.</param>
/// <param name="Source">The publisher, e.g. <c>webshop/acme</c>; the MSN must be bound to it.</param>
public sealed record CloudEventEnvelope(
    string Id,
    string Source,
    string Type,
    string? Subject,
    DateTimeOffset Time,
    string DataContentType);
