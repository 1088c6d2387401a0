using System.Text.Json;
using PaymentOrchestrator.Vipps.Credentials;
using PaymentOrchestrator.Vipps.Epayment;
using PaymentOrchestrator.Vipps.Errors;
using PaymentOrchestrator.Vipps.Http;
using PaymentOrchestrator.Vipps.Tests.Support;
using PaymentOrchestrator.Vipps.Userinfo;
using PaymentOrchestrator.VippsSimulator;
using PaymentOrchestrator.VippsSimulator.Userinfo;

namespace PaymentOrchestrator.Vipps.Tests.Userinfo;

/// <summary>The Userinfo client against the simulator over real HTTP.</summary>
public sealed class UserinfoClientTests
{
    private const string AllScopes = "name email phoneNumber address birthDate";
    private static readonly SimulatorTestPerson Person = new();

    private static SimulatorOptions Options() => new()
    {
        RateLimitsEnabled = false,
        TestPerson = new SimulatorTestPerson { ExtraClaims = { ["preferred_language"] = "nb" } },
    };

    [Fact]
    public async Task partner_keys_read_the_consented_claims_naming_the_sales_unit_in_the_msn_header()
    {
        await using var host = await VippsTestHost.StartAsync(simulatorOptions: Options());
        var sub = await Profiles.SharedSubAsync(host, VippsTestHost.Norway, AllScopes);

        var found = Assert.IsType<UserinfoFound>(await host.Get<VippsUserinfoClient>().GetUserinfoAsync(VippsTestHost.Norway, sub));

        var claims = found.Claims;
        Assert.Equal(VippsTestHost.Norway, found.Msn);
        Assert.Equal(sub, claims.Sub);
        Assert.Equal(Person.GivenName + " " + Person.FamilyName, claims.Name);
        Assert.Equal(Person.GivenName, claims.GivenName);
        Assert.Equal(Person.FamilyName, claims.FamilyName);
        Assert.Equal(Person.Email, claims.Email);
        Assert.True(claims.EmailVerified);
        Assert.Equal(Person.PhoneNumber, claims.PhoneNumber);
        Assert.Equal(Person.Birthdate, claims.Birthdate);
        Assert.Equal(Person.Address.StreetAddress, claims.Address!.StreetAddress);
        Assert.Equal("0154", claims.Address.PostalCode);
        Assert.Equal("NO", claims.Address.Country);
        Assert.True(claims.Address.Default);
        Assert.Equal("work", Assert.Single(claims.OtherAddresses).AddressType);
        Assert.Null(claims.Nin);
        Assert.Equal("nb", claims.OtherClaims["preferred_language"].GetString());
        Assert.Equal(
            ["name", "given_name", "family_name", "email", "email_verified", "phone_number", "birthdate", "address", "other_addresses", "preferred_language"],
            claims.ClaimNames);

        var request = Assert.Single(host.Recorder.Requests, r => r.Path.StartsWith("/vipps-userinfo-api/", StringComparison.Ordinal));
        Assert.Equal("GET", request.Method);
        Assert.Equal("/vipps-userinfo-api/userinfo/" + sub, request.Path);
        Assert.Equal(SimulatorDefaults.NorwayMsn, request.Header("Merchant-Serial-Number"));
        Assert.Equal(SimulatorDefaults.PartnerSubscriptionKey, request.Header("Ocp-Apim-Subscription-Key"));
        Assert.StartsWith("Bearer ", request.Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal("paymentorchestrator", request.Header("Vipps-System-Name"));
        Assert.Equal("po-vipps-client", request.Header("Vipps-System-Plugin-Name"));
        Assert.Null(request.Header("Idempotency-Key"));
    }

    [Fact]
    public async Task merchant_keys_read_their_own_units_details_in_test()
    {
        await using var host = await VippsTestHost.StartAsync(test: true, simulatorOptions: Options());
        var sub = await Profiles.SharedSubAsync(host, VippsTestHost.Denmark, "email", Currency.Dkk);

        var found = Assert.IsType<UserinfoFound>(await host.Get<VippsUserinfoClient>().GetUserinfoAsync(VippsTestHost.Denmark, sub));

        Assert.Equal(Person.Email, found.Claims.Email);
        Assert.Null(found.Claims.Name);
        var request = Assert.Single(host.Recorder.Requests, r => r.Path.StartsWith("/vipps-userinfo-api/", StringComparison.Ordinal));
        Assert.Equal(SimulatorDefaults.DenmarkMsn, request.Header("Merchant-Serial-Number"));
        Assert.Equal(SimulatorDefaults.MerchantSubscriptionKey(SimulatorDefaults.DenmarkMsn), request.Header("Ocp-Apim-Subscription-Key"));
    }

    [Fact]
    public async Task an_unknown_sub_another_units_sub_and_a_withdrawn_consent_are_results_not_exceptions()
    {
        await using var host = await VippsTestHost.StartAsync(simulatorOptions: Options());
        var client = host.Get<VippsUserinfoClient>();
        var sub = await Profiles.SharedSubAsync(host, VippsTestHost.Norway, "name");
        var unknownSub = Guid.NewGuid().ToString();

        var unknown = Assert.IsType<UserinfoUnavailable>(await client.GetUserinfoAsync(VippsTestHost.Norway, unknownSub));
        var crossed = Assert.IsType<UserinfoUnavailable>(await client.GetUserinfoAsync(VippsTestHost.Denmark, sub));
        await host.Admin.WithdrawUserinfoConsentAsync(SimulatorDefaults.NorwayMsn, sub);
        var withdrawn = Assert.IsType<UserinfoUnavailable>(await client.GetUserinfoAsync(VippsTestHost.Norway, sub));

        Assert.Equal(404, unknown.Status);
        Assert.Equal(VippsTestHost.Denmark, crossed.Msn);
        Assert.Contains("no longer available", withdrawn.Reason, StringComparison.Ordinal);
        foreach (var result in new[] { unknown, crossed, withdrawn })
        {
            Assert.DoesNotContain(sub, result.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(unknownSub, result.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task the_details_expire_168_hours_after_consent()
    {
        await using var host = await VippsTestHost.StartAsync(simulatorOptions: new SimulatorOptions { RateLimitsEnabled = false, TokenLifetime = TimeSpan.FromDays(30) });
        var client = host.Get<VippsUserinfoClient>();
        var sub = await Profiles.SharedSubAsync(host, VippsTestHost.Norway, "name");

        await host.Admin.AdvanceClockAsync(TimeSpan.FromHours(169));

        Assert.IsType<UserinfoUnavailable>(await client.GetUserinfoAsync(VippsTestHost.Norway, sub));
    }

    [Fact]
    public async Task an_unlinked_msn_fails_with_403_and_the_partner_hint_without_the_sub()
    {
        await using var host = await VippsTestHost.StartAsync(simulatorOptions: Options());
        var sub = await Profiles.SharedSubAsync(host, VippsTestHost.Norway, "name");

        var e = await Assert.ThrowsAsync<VippsApiException>(() => host.Get<VippsUserinfoClient>().GetUserinfoAsync(VippsTestHost.Unlinked, sub));

        Assert.Equal(403, e.Status);
        Assert.False(e.IsTransient);
        Assert.Contains("not linked to the partner", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(sub, e.Message + e.Instance + e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_transient_failure_is_retried_and_a_permanent_one_is_an_exception()
    {
        await using var host = await VippsTestHost.StartAsync(simulatorOptions: Options());
        var client = host.Get<VippsUserinfoClient>();
        var sub = await Profiles.SharedSubAsync(host, VippsTestHost.Norway, "name");

        await host.Admin.AddFaultAsync(new FaultRule { Route = "userinfo.get", Status = 503, Count = 1 });
        var recovered = await client.GetUserinfoAsync(VippsTestHost.Norway, sub);
        await host.Admin.AddFaultAsync(new FaultRule { Route = "userinfo.get", Status = 400, Count = 1 });
        var e = await Assert.ThrowsAsync<VippsApiException>(() => client.GetUserinfoAsync(VippsTestHost.Norway, sub));

        Assert.IsType<UserinfoFound>(recovered);
        Assert.Equal(400, e.Status);
        Assert.False(e.IsTransient);
        Assert.Equal(3, host.Recorder.Requests.Count(r => r.Path.StartsWith("/vipps-userinfo-api/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task a_rejected_subscription_key_fails_with_401_and_exhausted_5xx_retries_fail_as_transient()
    {
        await using var rejected = await VippsTestHost.StartAsync(configure: s =>
        {
            s["Vipps:KeySets:partner:SubscriptionKey"] = "not-the-key";
            s["Vipps:KeySets:partner:SecondarySubscriptionKey"] = null;
        });
        await using var host = await VippsTestHost.StartAsync(simulatorOptions: Options());
        var sub = await Profiles.SharedSubAsync(host, VippsTestHost.Norway, "name");
        await host.Admin.AddFaultAsync(new FaultRule { Route = "userinfo.get", Status = 502 });

        var unauthorized = await Assert.ThrowsAsync<VippsApiException>(() => rejected.Get<VippsUserinfoClient>().GetUserinfoAsync(VippsTestHost.Norway, sub));
        var exhausted = await Assert.ThrowsAsync<VippsApiException>(() => host.Get<VippsUserinfoClient>().GetUserinfoAsync(VippsTestHost.Norway, sub));

        Assert.Equal(401, unauthorized.Status);
        Assert.False(unauthorized.IsTransient);
        Assert.Equal(502, exhausted.Status);
        Assert.True(exhausted.IsTransient);
        Assert.Equal(4, host.Recorder.Requests.Count(r => r.Path.StartsWith("/vipps-userinfo-api/", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("management", "never read customers' personal data")]
    [InlineData("accounting", "accounting keys give access to the Report API only")]
    public async Task management_and_accounting_keys_are_refused_before_any_request(string keySet, string why)
    {
        await using var host = await VippsTestHost.StartAsync(configure: s => s["Vipps:MerchantKeySets:123456"] = keySet);

        var e = await Assert.ThrowsAsync<VippsCredentialException>(() => host.Get<VippsUserinfoClient>().GetUserinfoAsync(VippsTestHost.Norway, Guid.NewGuid().ToString()));

        Assert.Equal(keySet, e.KeySetName);
        Assert.Contains(why, e.Message, StringComparison.Ordinal);
        Assert.Empty(host.Recorder.Requests);
        Assert.Equal(0, (await host.Admin.GetCountersAsync()).TokenRequests);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("a\nb")]
    public async Task a_malformed_sub_is_refused_before_any_request(string sub)
    {
        await using var host = await VippsTestHost.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => host.Get<VippsUserinfoClient>().GetUserinfoAsync(VippsTestHost.Norway, sub));

        Assert.Empty(host.Recorder.Requests);
    }

    [Fact]
    public async Task no_claim_value_reaches_a_log_line_an_exception_or_a_results_text()
    {
        await using var host = await VippsTestHost.StartAsync(simulatorOptions: Options());
        var client = host.Get<VippsUserinfoClient>();
        var sub = await Profiles.SharedSubAsync(host, VippsTestHost.Norway, AllScopes);
        var logsBefore = host.Logs.Entries.Count;

        var found = await client.GetUserinfoAsync(VippsTestHost.Norway, sub);
        var crossed = await client.GetUserinfoAsync(VippsTestHost.Denmark, sub);
        await host.Admin.AddFaultAsync(new FaultRule { Route = "userinfo.get", Status = 500, Count = 10 });
        var failure = await Assert.ThrowsAsync<VippsApiException>(() => client.GetUserinfoAsync(VippsTestHost.Norway, sub));
        var unlinked = await Assert.ThrowsAsync<VippsApiException>(() => client.GetUserinfoAsync(VippsTestHost.Unlinked, sub));

        var text = string.Join("\n",
            string.Join("\n", host.Logs.Entries.Skip(logsBefore).Select(e => e.AllText)),
            found.ToString(),
            crossed.ToString(),
            failure.ToString(),
            unlinked.ToString());
        Assert.Contains("UserinfoClaims", found.ToString(), StringComparison.Ordinal);
        Assert.Contains("email", found.ToString(), StringComparison.Ordinal);
        foreach (var value in new[] { sub, Person.GivenName, Person.FamilyName, Person.Email, Person.PhoneNumber, Person.Birthdate, Person.Address.StreetAddress, "Karl Johans gate" })
        {
            Assert.DoesNotContain(value, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void claims_of_an_unexpected_type_or_unknown_to_the_client_are_kept_not_fatal()
    {
        var body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(
            """{"sub":"s-1","email":"a@example.com","email_verified":"yes","address":"one line","other_addresses":null,"nickname":"K","accounts":[{"bank_name":"B"}]}""")!;

        var claims = VippsUserinfoClient.Read(body, "asked");

        Assert.Equal("s-1", claims.Sub);
        Assert.Equal("a@example.com", claims.Email);
        Assert.Null(claims.EmailVerified);
        Assert.Null(claims.Address);
        Assert.Empty(claims.OtherAddresses);
        Assert.Equal(["accounts", "address", "email_verified", "nickname"], claims.OtherClaims.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("yes", claims.OtherClaims["email_verified"].GetString());
    }

    [Fact]
    public void an_echoed_sub_is_replaced_in_every_problem_text()
    {
        var problem = new VippsProblem { Title = "No sub-1", Detail = "sub-1 unknown", Instance = "/vipps-userinfo-api/userinfo/sub%201", ExtraDetails = [new VippsProblemDetail("sub", "sub-1")] };

        var redacted = VippsPipeline.Redact(problem, ["sub-1", "sub 1"]);

        Assert.Equal("No (redacted)", redacted.Title);
        Assert.Equal("(redacted) unknown", redacted.Detail);
        Assert.Equal("/vipps-userinfo-api/userinfo/(redacted)", redacted.Instance);
        Assert.Equal("(redacted)", redacted.ExtraDetails[0].Reason);
    }
}
