using System.Text.Json.Serialization;

namespace PaymentOrchestrator.Domain.Contracts;

/// <summary>ePayment <c>userFlow</c>: WEB_REDIRECT, PUSH_MESSAGE, NATIVE_REDIRECT or QR.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UserFlow>))]
public enum UserFlow
{
    WebRedirect,
    PushMessage,
    NativeRedirect,
    Qr,
}

/// <summary>ePayment <c>paymentMethod.type</c>: WALLET (default) or CARD.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PaymentMethodType>))]
public enum PaymentMethodType
{
    Wallet,
    Card,
}

/// <summary>Recurring charge <c>transactionType</c>: DIRECT_CAPTURE or RESERVE_CAPTURE.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChargeTransactionType>))]
public enum ChargeTransactionType
{
    DirectCapture,
    ReserveCapture,
}

/// <summary>Agreement <c>pricing.type</c>: LEGACY (fixed amount) or VARIABLE (suggested maximum).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PricingType>))]
public enum PricingType
{
    Legacy,
    Variable,
}

/// <summary>Agreement <c>interval.unit</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IntervalUnit>))]
public enum IntervalUnit
{
    Day,
    Week,
    Month,
    Year,
}

public static class WireNames
{
    public static string ToWire(this UserFlow value) => value switch
    {
        UserFlow.WebRedirect => "WEB_REDIRECT",
        UserFlow.PushMessage => "PUSH_MESSAGE",
        UserFlow.NativeRedirect => "NATIVE_REDIRECT",
        _ => "QR",
    };

    public static string ToWire(this PaymentMethodType value) => value == PaymentMethodType.Card ? "CARD" : "WALLET";

    public static string ToWire(this ChargeTransactionType value) =>
        value == ChargeTransactionType.ReserveCapture ? "RESERVE_CAPTURE" : "DIRECT_CAPTURE";

    public static string ToWire(this PricingType value) => value == PricingType.Variable ? "VARIABLE" : "LEGACY";

    public static string ToWire(this IntervalUnit value) => value.ToString().ToUpperInvariant();
}
