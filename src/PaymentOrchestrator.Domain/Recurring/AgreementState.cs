using System.Text.Json.Serialization;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Recurring;

/// <summary>One agreement saga (key MSN + the webshop's subscription id).</summary>
/// <param name="AgreementId">Vipps' id, known once drafted.</param>
/// <param name="StopRequested">A stop was asked for; if it came while drafting, it is sent once the draft exists.</param>
public sealed record AgreementState(
    SagaKey Key,
    AgreementStatus Status,
    AgreementRequested? Request,
    DateTimeOffset? RequestedAt,
    string? AgreementId,
    string? ConfirmationUrl,
    string? InitialChargeId,
    DateTimeOffset? PendingSince,
    bool StopRequested,
    SagaCore Core) : ISagaState
{
    public static AgreementState New(SagaKey key) =>
        new(key, AgreementStatus.New, null, null, null, null, null, null, false, SagaCore.Empty);

    [JsonIgnore]
    public bool IsFinished => Status is AgreementStatus.Stopped or AgreementStatus.Expired or AgreementStatus.NeedsAttention;
}
