using System.Text.Json.Serialization;
using PaymentOrchestrator.Vipps.Http;

namespace PaymentOrchestrator.Vipps.Recurring;

/// <summary>Recurring <c>transactionType</c>. Unknown values read from Vipps become <see cref="Unknown"/>.</summary>
[JsonConverter(typeof(TolerantEnumConverter<TransactionType>))]
public enum TransactionType
{
    /// <summary>A value this client does not know yet (Vipps adds values without notice).</summary>
    Unknown = 0,

    /// <summary>Charged on the due date.</summary>
    [JsonStringEnumMemberName("DIRECT_CAPTURE")]
    DirectCapture,

    /// <summary>Reserved on the due date; capture later.</summary>
    [JsonStringEnumMemberName("RESERVE_CAPTURE")]
    ReserveCapture,
}
