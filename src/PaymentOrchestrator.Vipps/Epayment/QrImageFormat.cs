using System.Text.Json.Serialization;
using PaymentOrchestrator.Vipps.Http;

namespace PaymentOrchestrator.Vipps.Epayment;

/// <summary>ePayment <c>qrFormat.format</c>. Unknown values read from Vipps become <see cref="Unknown"/>.</summary>
[JsonConverter(typeof(TolerantEnumConverter<QrImageFormat>))]
public enum QrImageFormat
{
    /// <summary>A value this client does not know yet (Vipps adds values without notice).</summary>
    Unknown = 0,

    /// <summary>The target URL as text.</summary>
    [JsonStringEnumMemberName("TEXT/TARGETURL")]
    TextTargetUrl,

    /// <summary>An SVG image (the default).</summary>
    [JsonStringEnumMemberName("IMAGE/SVG+XML")]
    ImageSvgXml,

    /// <summary>A PNG image.</summary>
    [JsonStringEnumMemberName("IMAGE/PNG")]
    ImagePng,
}
