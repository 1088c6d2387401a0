using System.Text.Json.Serialization;
using PaymentOrchestrator.Vipps.Http;

namespace PaymentOrchestrator.Vipps.Recurring;

/// <summary>Recurring charge <c>status</c>. Polling and webhooks may skip states: accept any forward jump. Unknown values read from Vipps become <see cref="Unknown"/>.</summary>
[JsonConverter(typeof(TolerantEnumConverter<ChargeStatus>))]
public enum ChargeStatus
{
    /// <summary>A value this client does not know yet (Vipps adds values without notice).</summary>
    Unknown = 0,

    /// <summary>Created, not yet due.</summary>
    [JsonStringEnumMemberName("PENDING")]
    Pending,

    /// <summary>Due; Vipps tries (and retries) to charge.</summary>
    [JsonStringEnumMemberName("DUE")]
    Due,

    /// <summary>Being processed.</summary>
    [JsonStringEnumMemberName("PROCESSING")]
    Processing,

    /// <summary>Reserved (RESERVE_CAPTURE): capture or cancel it.</summary>
    [JsonStringEnumMemberName("RESERVED")]
    Reserved,

    /// <summary>Charged.</summary>
    [JsonStringEnumMemberName("CHARGED")]
    Charged,

    /// <summary>Partly captured.</summary>
    [JsonStringEnumMemberName("PARTIALLY_CAPTURED")]
    PartiallyCaptured,

    /// <summary>Failed; see failureReason.</summary>
    [JsonStringEnumMemberName("FAILED")]
    Failed,

    /// <summary>Cancelled.</summary>
    [JsonStringEnumMemberName("CANCELLED")]
    Cancelled,

    /// <summary>Partly refunded.</summary>
    [JsonStringEnumMemberName("PARTIALLY_REFUNDED")]
    PartiallyRefunded,

    /// <summary>Fully refunded.</summary>
    [JsonStringEnumMemberName("REFUNDED")]
    Refunded,
}
