using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PaymentOrchestrator.Vipps.Credentials;
using PaymentOrchestrator.Vipps.Epayment;
using PaymentOrchestrator.Vipps.Http;
using PaymentOrchestrator.Vipps.Management;
using PaymentOrchestrator.Vipps.Recurring;
using PaymentOrchestrator.Vipps.Report;
using PaymentOrchestrator.Vipps.Resilience;
using PaymentOrchestrator.Vipps.Tokens;
using PaymentOrchestrator.Vipps.Userinfo;
using PaymentOrchestrator.Vipps.Webhooks;

namespace PaymentOrchestrator.Vipps;

/// <summary>DI registration of the Vipps MobilePay client.</summary>
public static class VippsServiceCollectionExtensions
{
    /// <summary>Name of the HttpClient used for API calls (add test handlers to it with <c>AddHttpClient(name)</c>).</summary>
    public const string HttpClientName = "PaymentOrchestrator.Vipps";

    /// <summary>
    /// Name of the HttpClient used for calls whose URL holds personal data (the Userinfo API's <c>sub</c>): the same
    /// resilience, but without HttpClient's own log lines, which write the request URL.
    /// </summary>
    public const string PersonalDataHttpClientName = "PaymentOrchestrator.Vipps.PersonalData";

    /// <summary>Name of the HttpClient used for <c>POST /accesstoken/get</c>.</summary>
    public const string TokenHttpClientName = "PaymentOrchestrator.Vipps.Token";

    /// <summary>
    /// Registers <see cref="VippsEpaymentClient"/>, <see cref="VippsRecurringClient"/>, <see cref="VippsWebhooksClient"/>,
    /// <see cref="VippsReportClient"/>, <see cref="VippsUserinfoClient"/>, <see cref="VippsManagementClient"/>,
    /// <see cref="VippsCredentialResolver"/> and <see cref="VippsWebhookSignatureVerifier"/>, with
    /// <see cref="VippsClientOptions"/> bound from <paramref name="sectionName"/> of <paramref name="configuration"/> and
    /// validated on start. Uses the registered <see cref="TimeProvider"/> (the system clock if none).
    /// </summary>
    public static IServiceCollection AddVippsClient(this IServiceCollection services, IConfiguration configuration, string sectionName = VippsClientOptions.SectionName)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(sectionName);
        var section = configuration.GetSection(sectionName);
        var sectionPath = section.Path;

        services.AddOptions<VippsClientOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<VippsClientOptions>>(new VippsClientOptionsValidator(sectionPath));
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();

        services.TryAddSingleton(sp => new VippsCredentialResolver(sp.GetRequiredService<IOptions<VippsClientOptions>>().Value, sectionPath));
        services.TryAddSingleton<SubscriptionKeySelector>();
        services.TryAddSingleton<VippsAccessTokenCache>();
        services.TryAddSingleton<VippsPipeline>();

        // Resilience per key set and MSN (Microsoft.Extensions.Http.Resilience): Polly's metrics, enriched with the
        // operation and pipeline, and its logs. The extended HTTP logger (Microsoft.Extensions.Http.Diagnostics) is not
        // used: it writes every 4xx at Error, and 404 is an expected answer here (a ledger date not closed yet, a
        // payment read before it exists); our own log lines (VippsLog) carry status, error code and trace id at the
        // level each deserves. HttpClient's own header logging is redacted whole.
        services.AddHttpClient(HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddVippsResilience()
            .RedactLoggedHeaders(_ => true);
        services.AddHttpClient(PersonalDataHttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddVippsResilience()
            .RemoveAllLoggers();
        services.AddHttpClient(TokenHttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddVippsResilience()
            .RedactLoggedHeaders(_ => true);

        services.TryAddSingleton(sp => new VippsEpaymentClient(sp.GetRequiredService<VippsPipeline>()));
        services.TryAddSingleton(sp => new VippsRecurringClient(sp.GetRequiredService<VippsPipeline>()));
        services.TryAddSingleton(sp => new VippsWebhooksClient(sp.GetRequiredService<VippsPipeline>()));
        services.TryAddSingleton(sp => new VippsUserinfoClient(sp.GetRequiredService<VippsPipeline>()));
        services.TryAddSingleton(sp => new VippsManagementClient(sp.GetRequiredService<VippsPipeline>()));
        services.TryAddSingleton(sp => new VippsReportClient(sp.GetRequiredService<VippsPipeline>(), sp.GetRequiredService<VippsCredentialResolver>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<VippsReportClient>>()));
        services.TryAddSingleton(sp => new VippsWebhookSignatureVerifier(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<VippsClientOptions>>().Value.WebhookFreshnessWindow));
        return services;
    }
}
