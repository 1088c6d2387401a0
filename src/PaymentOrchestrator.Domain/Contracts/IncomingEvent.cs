using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Contracts;

/// <summary>A parsed, structurally and locally valid incoming CloudEvent.</summary>
public sealed record IncomingEvent(CloudEventEnvelope Envelope, IncomingData Data)
{
    public Msn Msn => Data.SagaKey.Msn;

    public SagaKey SagaKey => Data.SagaKey;

    public string Source => Envelope.Source;

    public Currency? Currency => Data.Currency;
}
