using System.Text.Json.Serialization;
using PaymentOrchestrator.Vipps.Http;

namespace PaymentOrchestrator.Vipps.Management;

/// <summary>The product a product order asks for (management-v1.yaml <c>ProductOrderRequest.productType</c>).</summary>
[JsonConverter(typeof(TolerantEnumConverter<ProductType>))]
public enum ProductType
{
    /// <summary>Not a product: refused when sent.</summary>
    Unknown = 0,

    /// <summary>Online payments (ePayment): needs <c>website</c> and compliance data to go through quickly.</summary>
    [JsonStringEnumMemberName("VIPPS_PA_NETT")]
    VippsPaNett,

    /// <summary>Login.</summary>
    [JsonStringEnumMemberName("VIPPS_LOGG_INN")]
    VippsLoggInn,

    /// <summary>Checkout.</summary>
    [JsonStringEnumMemberName("VIPPS_CHECKOUT")]
    VippsCheckout,

    /// <summary>Payments in a physical store (POS).</summary>
    [JsonStringEnumMemberName("VIPPS_I_KASSA")]
    VippsIKassa,
}
