using PaymentOrchestrator.Vipps.Credentials;
using PaymentOrchestrator.Vipps.Epayment;
using PaymentOrchestrator.Vipps.Errors;
using PaymentOrchestrator.Vipps.Tests.Support;
using PaymentOrchestrator.Vipps.Webhooks;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Vipps.Tests.Credentials;

public class SecretRedactionTests
{
    private const string HttpClientLoggerCategory = "System.Net.Http.HttpClient.PaymentOrchestrator.Vipps";
    private static readonly MerchantSerialNumber Msn = VippsTestHost.Norway;

    [Fact]
    public async Task no_secret_or_token_reaches_the_logs_or_an_exception_in_a_busy_session()
    {
        await using var host = await VippsTestHost.StartAsync(configure: s =>
        {
            s["Vipps:KeySets:partner:SubscriptionKey"] = "rotated-primary-key-value"; // rejected: forces the secondary
            s["Vipps:MerchantKeySets:223344"] = "management";
        });
        var exceptions = new List<Exception>();
        async Task Try(Func<Task> call)
        {
            try
            {
                await call();
            }
            catch (Exception e) when (e is VippsApiException or VippsCredentialException)
            {
                exceptions.Add(e);
            }
        }

        var reference = Payments.NewReference();
        await host.Epayment.CreatePaymentAsync(Msn, Payments.WebRedirect(reference), Payments.NewKey("create"));
        await host.Admin.ApprovePaymentAsync(Msn.Value, reference);
        await host.Admin.AddFaultAsync(new FaultRule { Route = "epayment.capture", Kind = FaultKind.LostResponse, Status = 500, Count = 1 });
        await host.Epayment.CapturePaymentAsync(Msn, reference, new Amount(Currency.Nok, 1_000), Payments.NewKey("capture"));
        await host.Admin.AddFaultAsync(new FaultRule { Route = "epayment.get", Kind = FaultKind.Error, Status = 401, Count = 2 });
        await Try(() => host.Epayment.GetPaymentAsync(Msn, reference));
        await host.Admin.AdvanceClockAsync(TimeSpan.FromHours(2));
        await host.Epayment.GetPaymentAsync(Msn, reference);
        await Try(() => host.Epayment.GetPaymentAsync(VippsTestHost.Unlinked, reference));
        await Try(() => host.Epayment.CapturePaymentAsync(VippsTestHost.Denmark, reference, new Amount(Currency.Dkk, 100), Payments.NewKey("capture")));
        var webhook = await host.Webhooks.RegisterWebhookAsync(Msn, new RegisterWebhookRequest { Url = new Uri("https://example.com/h"), Events = [WebhookEventNames.PaymentCaptured] });

        var tokens = host.Recorder.Requests.Select(r => r.Header("Authorization")).OfType<string>().Select(a => a["Bearer ".Length..]).Distinct().ToList();
        Assert.True(tokens.Count >= 2, "the session should have used at least two access tokens");
        var forbidden = VippsTestHost.SeedSecrets.Concat(tokens).Append("rotated-primary-key-value").Append(webhook.Secret.Reveal()).ToList();
        var logText = host.Logs.AllText();
        Assert.NotEmpty(host.Logs.Entries);
        // The package telemetry is on and part of what was checked: Polly's resilience logs and HttpClient's own lines.
        var httpLogs = host.Logs.Entries.Where(e => e.Category.StartsWith(HttpClientLoggerCategory, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(httpLogs);
        Assert.Contains(host.Logs.Entries, e => e.Category == "Polly" && e.Message.Contains("PaymentOrchestrator.Vipps-vipps/partner/123456", StringComparison.Ordinal));
        foreach (var header in new[] { "Authorization", "Bearer", "Ocp-Apim-Subscription-Key", "client_secret", "client_id" })
        {
            Assert.All(host.Logs.Entries.Where(e => e.Category == "Polly"), e => Assert.DoesNotContain(header, e.AllText, StringComparison.OrdinalIgnoreCase));
        }

        // HttpClient's header lines name headers but show every value as "*".
        var headerLines = httpLogs.SelectMany(e => e.Message.Split('\n')).Where(l => l.Contains(": ", StringComparison.Ordinal) && !l.Contains("HTTP", StringComparison.Ordinal)).ToList();
        Assert.Contains(headerLines, l => l.Trim().StartsWith("Authorization: ", StringComparison.Ordinal));
        Assert.All(headerLines.Where(l => !l.Contains("Headers:", StringComparison.Ordinal)), l => Assert.EndsWith(": *", l.TrimEnd(), StringComparison.Ordinal));

        Assert.True(exceptions.Count >= 3);
        foreach (var secret in forbidden)
        {
            Assert.DoesNotContain(secret, logText, StringComparison.Ordinal);
            Assert.All(exceptions, e => Assert.DoesNotContain(secret, e.ToString(), StringComparison.Ordinal));
        }

        Assert.DoesNotContain(webhook.Secret.Reveal(), webhook.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_secret_echoed_by_a_server_is_scrubbed_from_the_exception()
    {
        await using var host = await VippsTestHost.StartAsync(configure: s =>
        {
            // Both keys wrong: the token endpoint answers 401 mentioning the subscription key.
            s["Vipps:KeySets:partner:SubscriptionKey"] = "wrong-primary-value";
            s["Vipps:KeySets:partner:SecondarySubscriptionKey"] = "wrong-secondary-value";
        });

        var e = await Assert.ThrowsAsync<VippsApiException>(() => host.Epayment.GetPaymentAsync(Msn, Payments.NewReference()));

        Assert.Equal(401, e.Status);
        Assert.Contains("subscription key", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("wrong-primary-value", e.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secondary-value", host.Logs.AllText(), StringComparison.Ordinal);
    }
}
