using System.Text.Json.Serialization;
using PaymentOrchestrator.Vipps.Http;

namespace PaymentOrchestrator.Vipps.Epayment;

/// <summary>ePayment <c>userFlow</c>: how the user reaches the payment. Unknown values read from Vipps become <see cref="Unknown"/>.</summary>
[JsonConverter(typeof(TolerantEnumConverter<UserFlow>))]
public enum UserFlow
{
    /// <summary>A value this client does not know yet (Vipps adds values without notice).</summary>
    Unknown = 0,

    /// <summary>A push message to <c>customer</c> (the sales unit must be approved for it).</summary>
    [JsonStringEnumMemberName("PUSH_MESSAGE")]
    PushMessage,

    /// <summary>App switch from a native app (discouraged).</summary>
    [JsonStringEnumMemberName("NATIVE_REDIRECT")]
    NativeRedirect,

    /// <summary>Browser redirect; needs <c>returnUrl</c>.</summary>
    [JsonStringEnumMemberName("WEB_REDIRECT")]
    WebRedirect,

    /// <summary>A QR code returned in <c>redirectUrl</c>.</summary>
    [JsonStringEnumMemberName("QR")]
    Qr,
}
