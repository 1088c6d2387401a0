using System.Net;
using System.Text.Json.Nodes;
using PaymentOrchestrator.VippsSimulator.Tests.Support;

namespace PaymentOrchestrator.VippsSimulator.Tests.Webhooks;

public sealed class WebhookRegistrationTests : SimulatorTest
{
    [Fact]
    public async Task register_returns_an_id_and_a_secret()
    {
        using var caller = VippsCaller.Partner(Host);

        var (id, secret) = await Support.Webhooks.RegisterAsync(caller, new Uri("https://example.com/hook"), "epayments.payment.captured.v1");

        Assert.True(Guid.TryParse(id, out _));
        Assert.False(string.IsNullOrEmpty(secret));
    }

    [Fact]
    public async Task list_shows_the_registration_without_its_secret()
    {
        using var caller = VippsCaller.Partner(Host);
        var (id, _) = await Support.Webhooks.RegisterAsync(caller, new Uri("https://example.com/hook"), "epayments.payment.captured.v1");

        using var response = await caller.GetAsync("webhooks/v1/webhooks");
        var webhook = (await response.ReadAsync())["webhooks"]!.AsArray().Single();

        Assert.Equal(id, webhook!["id"]!.GetValue<string>());
        Assert.Equal("https://example.com/hook", webhook["url"]!.GetValue<string>());
        Assert.Null(webhook["secret"]);
    }

    [Fact]
    public async Task partner_wide_and_per_msn_registrations_are_listed_separately()
    {
        using var partnerWide = VippsCaller.Partner(Host, msn: null);
        using var perMsn = VippsCaller.Partner(Host, SimulatorDefaults.NorwayMsn);
        await Support.Webhooks.RegisterAsync(partnerWide, new Uri("https://example.com/all"), "epayments.payment.captured.v1");
        await Support.Webhooks.RegisterAsync(perMsn, new Uri("https://example.com/norway"), "epayments.payment.captured.v1");

        using var response = await perMsn.GetAsync("webhooks/v1/webhooks");

        Assert.Equal(["https://example.com/norway"], (await response.ReadAsync())["webhooks"]!.AsArray().Select(w => w!["url"]!.GetValue<string>()));
    }

    [Fact]
    public async Task delete_removes_the_registration()
    {
        using var caller = VippsCaller.Partner(Host);
        var (id, _) = await Support.Webhooks.RegisterAsync(caller, new Uri("https://example.com/hook"), "epayments.payment.captured.v1");

        using var delete = await caller.SendAsync(HttpMethod.Delete, $"webhooks/v1/webhooks/{id}");
        using var list = await caller.GetAsync("webhooks/v1/webhooks");

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Empty((await list.ReadAsync())["webhooks"]!.AsArray());
    }

    [Fact]
    public async Task plain_http_to_a_public_host_is_refused()
    {
        using var caller = VippsCaller.Partner(Host);

        using var response = await caller.PostAsync("webhooks/v1/webhooks", new JsonObject { ["url"] = "http://example.com/hook", ["events"] = new JsonArray("epayments.payment.captured.v1") });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("url", (await response.ReadAsync())["extraDetails"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task registration_without_events_is_refused()
    {
        using var caller = VippsCaller.Partner(Host);

        using var response = await caller.PostAsync("webhooks/v1/webhooks", new JsonObject { ["url"] = "https://example.com/hook", ["events"] = new JsonArray() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
