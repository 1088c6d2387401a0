using System.Text.Json.Serialization;
using PaymentOrchestrator.Vipps.Http;

namespace PaymentOrchestrator.Vipps.Epayment;

/// <summary>ePayment <c>customerInteraction</c>. Unknown values read from Vipps become <see cref="Unknown"/>.</summary>
[JsonConverter(typeof(TolerantEnumConverter<CustomerInteraction>))]
public enum CustomerInteraction
{
    /// <summary>A value this client does not know yet (Vipps adds values without notice).</summary>
    Unknown = 0,

    /// <summary>The customer is at the point of sale.</summary>
    [JsonStringEnumMemberName("CUSTOMER_PRESENT")]
    CustomerPresent,

    /// <summary>The customer is not present (the default).</summary>
    [JsonStringEnumMemberName("CUSTOMER_NOT_PRESENT")]
    CustomerNotPresent,
}
