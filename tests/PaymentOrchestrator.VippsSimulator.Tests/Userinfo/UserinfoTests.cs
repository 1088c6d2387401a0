using System.Net;
using System.Text.Json.Nodes;
using PaymentOrchestrator.VippsSimulator.Tests.Support;
using PaymentOrchestrator.VippsSimulator.Userinfo;

namespace PaymentOrchestrator.VippsSimulator.Tests.Userinfo;

public sealed class UserinfoTests : SimulatorTest
{
    private static readonly SimulatorTestPerson Person = new();

    [Fact]
    public async Task a_shared_scope_returns_the_sub_and_only_that_scopes_claims()
    {
        using var caller = VippsCaller.Partner(Host);
        var sub = await Profiles.SharedSubAsync(Host, caller, "name email");

        var claims = await Profiles.ClaimsAsync(caller, sub);

        Assert.Equal(sub, claims["sub"]!.GetValue<string>());
        Assert.Equal(Person.GivenName + " " + Person.FamilyName, claims["name"]!.GetValue<string>());
        Assert.Equal(Person.FamilyName, claims["family_name"]!.GetValue<string>());
        Assert.Equal(Person.Email, claims["email"]!.GetValue<string>());
        Assert.True(claims["email_verified"]!.GetValue<bool>());
        Assert.Equal(["email", "email_verified", "family_name", "given_name", "name", "sub"], claims.Select(c => c.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task every_scope_value_shares_its_claims_and_openid_alone_shares_only_the_sub()
    {
        using var caller = VippsCaller.Partner(Host);
        using var finland = VippsCaller.Partner(Host, SimulatorDefaults.FinlandMsn);
        var all = await Profiles.ClaimsAsync(caller, await Profiles.SharedSubAsync(Host, caller, "openid name email phoneNumber address birthDate"));

        // Another unit: at one unit the customer's consents within the window add up.
        var bare = await Profiles.ClaimsAsync(finland, await Profiles.SharedSubAsync(Host, finland, "openid"));

        Assert.Equal(Person.PhoneNumber, all["phone_number"]!.GetValue<string>());
        Assert.Equal(Person.Birthdate, all["birthdate"]!.GetValue<string>());
        Assert.Equal(Person.Address.StreetAddress, all["address"]!["street_address"]!.GetValue<string>());
        Assert.True(all["address"]!["default"]!.GetValue<bool>());
        Assert.Single(all["other_addresses"]!.AsArray());
        Assert.Null(all["nin"]);
        Assert.Equal(["sub"], bare.Select(c => c.Key));
    }

    [Fact]
    public async Task the_same_person_has_one_sub_per_sales_unit_and_another_units_sub_is_unknown()
    {
        using var norway = VippsCaller.Partner(Host, SimulatorDefaults.NorwayMsn);
        using var denmark = VippsCaller.Partner(Host, SimulatorDefaults.DenmarkMsn);
        var first = await Profiles.SharedSubAsync(Host, norway, "name");
        var again = await Profiles.SharedSubAsync(Host, norway, "email");
        var danish = await Profiles.SharedSubAsync(Host, denmark, "name");

        using var crossed = await Profiles.ReadAsync(denmark, first);

        Assert.Equal(first, again);
        Assert.NotEqual(first, danish);
        Assert.Equal(HttpStatusCode.NotFound, crossed.StatusCode);
        Assert.DoesNotContain(first, await crossed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Consented twice at one unit within the window: the details of both scopes.
        var claims = await Profiles.ClaimsAsync(norway, first);
        Assert.NotNull(claims["name"]);
        Assert.NotNull(claims["email"]);
    }

    [Fact]
    public async Task declining_to_share_aborts_the_payment_and_issues_no_sub()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Profiles.CreatePaymentAsync(caller, "name address");

        await Host.Admin.DeclinePaymentAsync(caller.Msn!, reference);

        var payment = await Payments.GetAsync(caller, reference);
        Assert.Equal("ABORTED", payment["state"]!.GetValue<string>());
        Assert.Null(payment["profile"]?["sub"]);
    }

    [Fact]
    public async Task declining_is_refused_when_nothing_was_asked_for()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAsync(caller);

        await Assert.ThrowsAnyAsync<Exception>(() => Host.Admin.DeclinePaymentAsync(caller.Msn!, reference));

        Assert.Equal("CREATED", (await Payments.GetAsync(caller, reference))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task an_agreement_with_a_scope_shares_on_accept_and_is_rejected_on_decline()
    {
        using var caller = VippsCaller.Partner(Host);
        var accepted = await Profiles.DraftAgreementAsync(caller, "name phoneNumber");
        var declined = await Profiles.DraftAgreementAsync(caller, "name phoneNumber");

        await Host.Admin.AcceptAgreementAsync(caller.Msn!, accepted);
        await Host.Admin.DeclineAgreementAsync(caller.Msn!, declined);

        var sub = (await Agreements.GetAsync(caller, accepted))["sub"]!.GetValue<string>();
        var claims = await Profiles.ClaimsAsync(caller, sub);
        Assert.Equal(Person.PhoneNumber, claims["phone_number"]!.GetValue<string>());
        Assert.Null(claims["email"]);
        var rejected = await Agreements.GetAsync(caller, declined);
        Assert.Equal("STOPPED", rejected["status"]!.GetValue<string>());
        Assert.Null(rejected["sub"]);
    }

    [Fact]
    public async Task an_unknown_sub_answers_404_as_a_userinfo_error()
    {
        using var caller = VippsCaller.Partner(Host);

        using var response = await Profiles.ReadAsync(caller, Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.ReadAsync();
        Assert.Equal("404", body["status"]!.GetValue<string>());
        Assert.Equal("Not Found", body["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task the_details_are_kept_168_hours_after_consent_and_then_answer_404()
    {
        using var caller = VippsCaller.Partner(Host);
        var sub = await Profiles.SharedSubAsync(Host, caller, "name");

        await Host.Admin.AdvanceClockAsync(TimeSpan.FromHours(167));
        using var stillThere = VippsCaller.Partner(Host);
        using var kept = await Profiles.ReadAsync(stillThere, sub);
        await Host.Admin.AdvanceClockAsync(TimeSpan.FromHours(2));
        using var later = VippsCaller.Partner(Host);
        using var gone = await Profiles.ReadAsync(later, sub);

        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Contains("no longer available", (await gone.ReadAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_withdrawn_consent_answers_404()
    {
        using var caller = VippsCaller.Partner(Host);
        var sub = await Profiles.SharedSubAsync(Host, caller, "email");

        await Host.Admin.WithdrawUserinfoConsentAsync(caller.Msn!, sub);

        using var response = await Profiles.ReadAsync(caller, sub);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task partner_keys_need_a_linked_msn_and_management_and_accounting_keys_are_forbidden()
    {
        using var partner = VippsCaller.Partner(Host);
        var sub = await Profiles.SharedSubAsync(Host, partner, "name");
        using var noMsn = VippsCaller.Partner(Host, msn: null);
        using var unlinked = VippsCaller.Partner(Host, SimulatorDefaults.UnlinkedMsn);
        using var management = VippsCaller.Management(Host);
        using var accounting = VippsCaller.Accounting(Host);
        accounting.Msn = SimulatorDefaults.NorwayMsn;

        foreach (var caller in new[] { noMsn, unlinked, management, accounting })
        {
            using var response = await Profiles.ReadAsync(caller, sub);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [Fact]
    public async Task a_bad_token_answers_401_as_a_userinfo_error()
    {
        using var caller = VippsCaller.Partner(Host);
        caller.UseToken("not-a-token");

        using var response = await Profiles.ReadAsync(caller, Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("401", (await response.ReadAsync())["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task the_landing_page_lists_the_asked_for_details_and_lets_the_customer_decline()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Profiles.CreatePaymentAsync(caller, "openid name address");
        var payment = await Payments.GetAsync(caller, reference);
        var redirectUrl = new Uri(payment["redirectUrl"]!.GetValue<string>());
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        var page = await browser.GetStringAsync(redirectUrl);
        using var decline = await browser.PostAsync(new Uri(Host.BaseAddress, "simulator/landing/decline" + redirectUrl.Query), null);

        Assert.Contains("share: name, address", page, StringComparison.Ordinal);
        Assert.Contains("Decline to share", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, decline.StatusCode);
        Assert.Equal("ABORTED", (await Payments.GetAsync(caller, reference))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task the_agreement_landing_page_shares_on_accept()
    {
        using var caller = VippsCaller.Partner(Host);
        var body = Agreements.DraftBody();
        body["scope"] = "email";
        var confirmation = new Uri((await Agreements.DraftAsync(caller, body))["vippsConfirmationUrl"]!.GetValue<string>());
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        var page = await browser.GetStringAsync(confirmation);
        using var accept = await browser.PostAsync(new Uri(Host.BaseAddress, "simulator/agreement-landing/accept" + confirmation.Query), null);

        Assert.Contains("share: email", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, accept.StatusCode);
        var agreements = await caller.GetAsync("recurring/v3/agreements?status=ACTIVE");
        var sub = (await agreements.ReadAsync()).AsArray().Single()!["sub"]!.GetValue<string>();
        Assert.Equal(Person.Email, (await Profiles.ClaimsAsync(caller, sub))["email"]!.GetValue<string>());
    }
}

public sealed class UserinfoTestModeTests : SimulatorTest
{
    protected override SimulatorOptions Options => new()
    {
        Mode = SimulatorMode.Test,
        RateLimitsEnabled = false,
        TestPerson = new SimulatorTestPerson { GivenName = "Ola", FamilyName = "Tester", ExtraClaims = { ["preferred_language"] = "nb" } },
    };

    [Fact]
    public async Task merchant_keys_read_their_own_units_subs_with_or_without_the_msn_header_and_partner_keys_are_refused()
    {
        using var merchant = VippsCaller.Merchant(Host);
        var sub = await Profiles.SharedSubAsync(Host, merchant, "name");
        using var withoutMsn = VippsCaller.Merchant(Host);
        withoutMsn.Msn = null;
        using var partner = VippsCaller.Partner(Host);

        var claims = await Profiles.ClaimsAsync(merchant, sub);
        var same = await Profiles.ClaimsAsync(withoutMsn, sub);
        using var refused = await partner.RequestTokenAsync();

        Assert.Equal("Ola Tester", claims["name"]!.GetValue<string>());
        Assert.Equal("nb", claims["preferred_language"]!.GetValue<string>());
        Assert.Equal(claims.ToJsonString(), same.ToJsonString());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task merchant_keys_of_another_unit_are_forbidden()
    {
        using var merchant = VippsCaller.Merchant(Host);
        var sub = await Profiles.SharedSubAsync(Host, merchant, "name");
        using var other = VippsCaller.Merchant(Host, SimulatorDefaults.DenmarkMsn);
        other.Msn = SimulatorDefaults.NorwayMsn;

        using var response = await Profiles.ReadAsync(other, sub);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
