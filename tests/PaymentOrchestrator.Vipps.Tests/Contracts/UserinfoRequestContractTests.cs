using PaymentOrchestrator.Testing;
using PaymentOrchestrator.Vipps.Tests.Support;
using PaymentOrchestrator.Vipps.Userinfo;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Vipps.Tests.Contracts;

/// <summary>Every Userinfo request the client sends (path and headers) is one userinfo-v2.yaml declares.</summary>
public class UserinfoRequestContractTests
{
    [Fact]
    public void the_contract_rejects_a_request_the_spec_does_not_declare()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Vipps-System-Name"] = new string('x', 31) };

        Assert.NotEmpty(OpenApiContract.Userinfo.ValidateRequest("GET", "/vipps-userinfo-api/userinfo/s-1", "", headers));
        Assert.NotEmpty(OpenApiContract.Userinfo.ValidateRequest("GET", "/vipps-userinfo-api/v2/userinfo/s-1", "", new Dictionary<string, string>()));
        Assert.NotEmpty(OpenApiContract.Userinfo.ValidateRequest("GET", "/vipps-userinfo-api/userinfo/s-1", "?msn=123456", new Dictionary<string, string> { ["Ocp-Apim-Subscription-Key"] = "k" }));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task every_userinfo_request_matches_the_official_spec(bool test)
    {
        await using var host = await VippsTestHost.StartAsync(test: test, simulatorOptions: new SimulatorOptions { RateLimitsEnabled = false });
        var client = host.Get<VippsUserinfoClient>();
        var sub = await Profiles.SharedSubAsync(host, VippsTestHost.Norway, "name email");
        await client.GetUserinfoAsync(VippsTestHost.Norway, sub);
        await client.GetUserinfoAsync(VippsTestHost.Norway, "unknown sub/with?odd#chars");

        var requests = host.Recorder.Requests.Where(r => r.Path.StartsWith("/vipps-userinfo-api/", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, requests.Count);
        foreach (var request in requests)
        {
            Assert.Empty(OpenApiContract.Userinfo.ValidateRequest(request.Method, request.Path, request.Query, request.Headers));
        }
    }
}
