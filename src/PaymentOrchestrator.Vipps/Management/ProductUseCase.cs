using System.Text.Json.Serialization;
using PaymentOrchestrator.Vipps.Http;

namespace PaymentOrchestrator.Vipps.Management;

/// <summary>Where the merchant will sell (management-v1.yaml <c>ProductUseCase</c>).</summary>
[JsonConverter(typeof(TolerantEnumConverter<ProductUseCase>))]
public enum ProductUseCase
{
    /// <summary>Not a use case: refused when sent (leave the field null instead).</summary>
    Unspecified = 0,

    /// <summary>A live website.</summary>
    [JsonStringEnumMemberName("Website")]
    Website,

    /// <summary>A website not launched yet: a test website is given.</summary>
    [JsonStringEnumMemberName("WebsiteWithTest")]
    WebsiteWithTest,

    /// <summary>A native app.</summary>
    [JsonStringEnumMemberName("App")]
    App,

    /// <summary>Something else (the spec's value <c>Unknown</c>).</summary>
    [JsonStringEnumMemberName("Unknown")]
    Other,
}
