namespace PaymentOrchestrator.VippsSimulator.Infrastructure;

internal static class UrlRules
{
    /// <summary>
    /// Vipps requires https:// (or a custom app scheme). The simulator also accepts http:// to loopback hosts
    /// (127.0.0.1, ::1, localhost) so that local development and in-process tests work without certificates;
    /// the real API would refuse those.
    /// </summary>
    public static bool IsAllowedReturnUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != "file"));

    /// <summary>Webhook URLs: https only at Vipps; http allowed here for loopback receivers only.</summary>
    public static bool IsAllowedWebhookUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}
