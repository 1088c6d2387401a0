using System.Net;
using System.Text.Json.Nodes;
using PaymentOrchestrator.Testing;
using PaymentOrchestrator.VippsSimulator.Tests.Support;

namespace PaymentOrchestrator.VippsSimulator.Tests.Contracts;

public sealed class WebhooksAndTokenContractTests : SimulatorTest
{
    [Fact]
    public async Task the_token_response_matches_the_access_token_spec()
    {
        using var caller = VippsCaller.Partner(Host);

        using var response = await caller.RequestTokenAsync();

        OpenApiContract.AccessToken.AssertValid("AuthorizationTokenResponse", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task register_request_response_and_list_match_the_webhooks_spec()
    {
        using var caller = VippsCaller.Partner(Host);
        var request = new JsonObject { ["url"] = "https://example.com/hook", ["events"] = new JsonArray("epayments.payment.captured.v1") };
        OpenApiContract.Webhooks.AssertValid("RegisterRequest", request.ToJsonString());

        using var registered = await caller.PostAsync("webhooks/v1/webhooks", request);
        using var list = await caller.GetAsync("webhooks/v1/webhooks");

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        OpenApiContract.Webhooks.AssertValid("RegisterResponse", await registered.Content.ReadAsStringAsync());
        OpenApiContract.Webhooks.AssertValid("QueryResponse", await list.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task webhooks_errors_match_the_problem_details_schema()
    {
        using var caller = VippsCaller.Partner(Host);

        using var response = await caller.PostAsync("webhooks/v1/webhooks", new JsonObject { ["url"] = "not a url", ["events"] = new JsonArray("x") });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        OpenApiContract.Webhooks.AssertValid("ProblemDetails", await response.Content.ReadAsStringAsync());
    }
}
