using System.Text.Json.Serialization;
using PaymentOrchestrator.Vipps.Http;

namespace PaymentOrchestrator.Vipps.Epayment;

/// <summary>ePayment <c>paymentMethod.type</c>. Unknown values read from Vipps become <see cref="Unknown"/>.</summary>
[JsonConverter(typeof(TolerantEnumConverter<PaymentMethodType>))]
public enum PaymentMethodType
{
    /// <summary>A value this client does not know yet (Vipps adds values without notice).</summary>
    Unknown = 0,

    /// <summary>A card in the Vipps or MobilePay app.</summary>
    [JsonStringEnumMemberName("WALLET")]
    Wallet,

    /// <summary>A free-standing card payment (needs WEB_REDIRECT; not in test).</summary>
    [JsonStringEnumMemberName("CARD")]
    Card,
}
