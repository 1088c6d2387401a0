namespace PaymentOrchestrator.Vipps.Recurring;

/// <summary>Answer of draft agreement.</summary>
public sealed record DraftAgreementResponse
{
    /// <summary>The new agreement's id, e.g. <c>agr_5kSeqz</c>.</summary>
    public string AgreementId { get; init; } = "";

    /// <summary>The id as a UUID.</summary>
    public Guid? Uuid { get; init; }

    /// <summary>Where to send the user to accept.</summary>
    public string? VippsConfirmationUrl { get; init; }

    /// <summary>The initial charge's id, if one was given.</summary>
    public string? ChargeId { get; init; }
}
