using System.Globalization;

namespace PaymentOrchestrator.VippsSimulator.Infrastructure;

internal static class Timestamps
{
    /// <summary>RFC 3339 in UTC with a Z suffix, as Vipps writes timestamps.</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
