using System.Net;
using PaymentOrchestrator.Testing;
using PaymentOrchestrator.VippsSimulator.Tests.Support;
using PaymentOrchestrator.VippsSimulator.Userinfo;

namespace PaymentOrchestrator.VippsSimulator.Tests.Contracts;

/// <summary>Every Userinfo answer the simulator gives, and the requests it accepts, are what userinfo-v2.yaml declares.</summary>
public sealed class UserinfoContractTests : SimulatorTest
{
    private const string Get = "/vipps-userinfo-api/userinfo/{sub}";

    protected override SimulatorOptions Options => new()
    {
        RateLimitsEnabled = false,
        RandomSeed = 42,
        TestPerson = new SimulatorTestPerson { ExtraClaims = { ["preferred_language"] = "nb" } },
    };

    private static OpenApiContract Spec => OpenApiContract.Userinfo;

    [Fact]
    public void the_contract_rejects_an_answer_that_breaks_the_schema()
    {
        Assert.NotEmpty(Spec.ValidateResponse("GET", Get, 200, """{"sub":7,"email_verified":"yes","address":{"default":"no"}}"""));
        Assert.NotEmpty(Spec.ValidateResponse("GET", Get, 404, """{"status":404,"title":["Not Found"]}"""));
        Assert.NotEmpty(Spec.ValidateResponse("GET", Get, 200, """{"sub":"s","phone_number":"47 912 34 567"}"""));
        Assert.NotEmpty(Spec.ValidateRequest("GET", "/vipps-userinfo-api/userinfo/s/extra", "", new Dictionary<string, string>()));
    }

    [Fact]
    public async Task answers_with_every_scope_and_with_openid_alone_match_the_spec()
    {
        using var caller = VippsCaller.Partner(Host);
        var full = await Profiles.SharedSubAsync(Host, caller, "openid name email phoneNumber address birthDate nin");
        using var denmark = VippsCaller.Partner(Host, SimulatorDefaults.DenmarkMsn);
        var bare = await Profiles.SharedSubAsync(Host, denmark, "openid");

        foreach (var (who, sub) in new[] { (caller, full), (denmark, bare) })
        {
            using var response = await Profiles.ReadAsync(who, sub);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
            Spec.AssertValidResponse("GET", Get, 200, await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task unknown_expired_forbidden_and_unauthorized_answers_match_the_spec()
    {
        using var caller = VippsCaller.Partner(Host);
        var sub = await Profiles.SharedSubAsync(Host, caller, "name");
        using var unknown = await Profiles.ReadAsync(caller, Guid.NewGuid().ToString());
        using var unlinked = VippsCaller.Partner(Host, SimulatorDefaults.UnlinkedMsn);
        using var forbidden = await Profiles.ReadAsync(unlinked, sub);
        await Host.Admin.WithdrawUserinfoConsentAsync(caller.Msn!, sub);
        using var expired = await Profiles.ReadAsync(caller, sub);
        using var stranger = VippsCaller.Partner(Host);
        stranger.UseToken("not-a-token");
        using var unauthorized = await Profiles.ReadAsync(stranger, sub);

        foreach (var (response, status) in new[] { (unknown, 404), (expired, 404), (forbidden, 403), (unauthorized, 401) })
        {
            Assert.Equal(status, (int)response.StatusCode);
            Spec.AssertValidResponse("GET", Get, status, await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task the_requests_the_tests_send_are_requests_the_spec_declares()
    {
        using var caller = VippsCaller.Partner(Host);
        var sub = await Profiles.SharedSubAsync(Host, caller, "name");
        var headers = await caller.HeadersAsync();

        Assert.Empty(Spec.ValidateRequest("GET", "/" + Profiles.UserinfoPath + sub, "", headers));
    }
}
