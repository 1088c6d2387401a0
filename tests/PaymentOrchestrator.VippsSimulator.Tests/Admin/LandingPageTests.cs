using System.Net;
using PaymentOrchestrator.VippsSimulator.Tests.Support;

namespace PaymentOrchestrator.VippsSimulator.Tests.Admin;

public sealed class LandingPageTests : SimulatorTest
{
    [Fact]
    public async Task approving_on_the_landing_page_authorizes_the_payment_and_redirects_to_return_url()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = Payments.NewReference();
        using var created = await caller.PostAsync("epayment/v1/payments", Payments.CreateBody(reference), Payments.NewKey());
        var redirectUrl = new Uri((await created.ReadAsync())["redirectUrl"]!.GetValue<string>());
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var page = await browser.GetAsync(redirectUrl);
        using var approve = await browser.PostAsync(new Uri(Host.BaseAddress, "simulator/landing/approve" + redirectUrl.Query), null);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        Assert.StartsWith("https://example.com/return", approve.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal("AUTHORIZED", (await Payments.GetAsync(caller, reference))["state"]!.GetValue<string>());
    }
}
