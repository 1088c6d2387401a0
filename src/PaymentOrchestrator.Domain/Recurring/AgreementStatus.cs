using System.Text.Json.Serialization;

namespace PaymentOrchestrator.Domain.Recurring;

/// <summary>Where an agreement saga is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AgreementStatus>))]
public enum AgreementStatus
{
    New,

    /// <summary>Requested; DraftAgreement is in the outbox.</summary>
    Drafting,

    Pending,
    Active,
    Stopped,
    Expired,
    NeedsAttention,
}
