using System.Text.Json.Serialization;
using PaymentOrchestrator.Vipps.Http;

namespace PaymentOrchestrator.Vipps.Recurring;

/// <summary>Recurring charge <c>failureReason</c>. Unknown values read from Vipps become <see cref="Unknown"/>.</summary>
[JsonConverter(typeof(TolerantEnumConverter<ChargeFailureReason>))]
public enum ChargeFailureReason
{
    /// <summary>A value this client does not know yet (Vipps adds values without notice).</summary>
    Unknown = 0,

    /// <summary>The user's card cannot pay; the user must act in the app.</summary>
    [JsonStringEnumMemberName("user_action_required")]
    UserActionRequired,

    /// <summary>Above the user's max amount.</summary>
    [JsonStringEnumMemberName("charge_amount_too_high")]
    ChargeAmountTooHigh,

    /// <summary>E.g. the user deleted their profile.</summary>
    [JsonStringEnumMemberName("non_technical_error")]
    NonTechnicalError,

    /// <summary>A failure in Recurring or downstream.</summary>
    [JsonStringEnumMemberName("technical_error")]
    TechnicalError,
}
