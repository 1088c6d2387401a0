using System.Net;
using System.Text.Json.Nodes;
using PaymentOrchestrator.VippsSimulator.Tests.Support;

namespace PaymentOrchestrator.VippsSimulator.Tests.Recurring;

public sealed class AgreementTests : SimulatorTest
{
    [Fact]
    public async Task draft_returns_agreement_id_uuid_and_confirmation_url()
    {
        using var caller = VippsCaller.Partner(Host);

        var draft = await Agreements.DraftAsync(caller);

        Assert.StartsWith("agr_", draft["agreementId"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(Guid.TryParse(draft["uuid"]!.GetValue<string>(), out _));
        Assert.NotNull(draft["vippsConfirmationUrl"]);
        Assert.Null(draft["chargeId"]);
    }

    [Fact]
    public async Task a_drafted_agreement_is_pending_until_the_customer_accepts()
    {
        using var caller = VippsCaller.Partner(Host);
        var id = (await Agreements.DraftAsync(caller))["agreementId"]!.GetValue<string>();
        Assert.Equal("PENDING", (await Agreements.GetAsync(caller, id))["status"]!.GetValue<string>());

        await Host.Admin.AcceptAgreementAsync(caller.Msn!, id);

        var agreement = await Agreements.GetAsync(caller, id);
        Assert.Equal("ACTIVE", agreement["status"]!.GetValue<string>());
        Assert.NotNull(agreement["start"]);
    }

    [Fact]
    public async Task a_pending_agreement_expires_after_ten_minutes()
    {
        using var caller = VippsCaller.Partner(Host);
        var id = (await Agreements.DraftAsync(caller))["agreementId"]!.GetValue<string>();

        await Host.Admin.AdvanceClockAsync(TimeSpan.FromMinutes(11));

        Assert.Equal("EXPIRED", (await Agreements.GetAsync(caller, id))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task a_rejected_agreement_is_stopped()
    {
        using var caller = VippsCaller.Partner(Host);
        var id = (await Agreements.DraftAsync(caller))["agreementId"]!.GetValue<string>();

        await Host.Admin.RejectAgreementAsync(caller.Msn!, id);

        Assert.Equal("STOPPED", (await Agreements.GetAsync(caller, id))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task draft_without_product_name_is_refused_with_an_error_v3_body()
    {
        using var caller = VippsCaller.Partner(Host);
        var body = Agreements.DraftBody();
        body.Remove("productName");

        using var response = await caller.PostAsync("recurring/v3/agreements", body, Payments.NewKey());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.ReadAsync();
        Assert.NotNull(error["contextId"]);
        Assert.Equal("productName", error["extraDetails"]![0]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task draft_without_idempotency_key_is_refused()
    {
        using var caller = VippsCaller.Partner(Host);
        using var response = await caller.PostAsync("recurring/v3/agreements", Agreements.DraftBody());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task an_idempotency_key_longer_than_40_characters_is_refused()
    {
        using var caller = VippsCaller.Partner(Host);
        using var response = await caller.PostAsync("recurring/v3/agreements", Agreements.DraftBody(), new string('k', 41));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task repeating_a_draft_with_the_same_key_returns_the_same_agreement()
    {
        using var caller = VippsCaller.Partner(Host);
        var key = Payments.NewKey();

        using var first = await caller.PostAsync("recurring/v3/agreements", Agreements.DraftBody(), key);
        using var second = await caller.PostAsync("recurring/v3/agreements", Agreements.DraftBody(), key);

        Assert.Equal((await first.ReadAsync())["agreementId"]!.GetValue<string>(), (await second.ReadAsync())["agreementId"]!.GetValue<string>());
    }

    [Fact]
    public async Task the_same_key_with_a_different_body_is_a_conflict()
    {
        using var caller = VippsCaller.Partner(Host);
        var key = Payments.NewKey();
        using var first = await caller.PostAsync("recurring/v3/agreements", Agreements.DraftBody(29900), key);

        using var second = await caller.PostAsync("recurring/v3/agreements", Agreements.DraftBody(19900), key);

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
    }

    [Fact]
    public async Task stopping_an_agreement_needs_status_stopped_alone()
    {
        using var caller = VippsCaller.Partner(Host);
        var id = await Agreements.ActiveAsync(Host, caller);

        using var response = await caller.SendAsync(HttpMethod.Patch, $"recurring/v3/agreements/{id}",
            new JsonObject { ["status"] = "STOPPED", ["productName"] = "Other" }, Payments.NewKey());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task stopping_an_active_agreement_stops_it()
    {
        using var caller = VippsCaller.Partner(Host);
        var id = await Agreements.ActiveAsync(Host, caller);

        using var response = await caller.SendAsync(HttpMethod.Patch, $"recurring/v3/agreements/{id}", new JsonObject { ["status"] = "STOPPED" }, Payments.NewKey());

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var agreement = await Agreements.GetAsync(caller, id);
        Assert.Equal("STOPPED", agreement["status"]!.GetValue<string>());
        Assert.NotNull(agreement["stop"]);
    }

    [Fact]
    public async Task updating_the_price_changes_the_legacy_amount()
    {
        using var caller = VippsCaller.Partner(Host);
        var id = await Agreements.ActiveAsync(Host, caller);

        using var response = await caller.SendAsync(HttpMethod.Patch, $"recurring/v3/agreements/{id}",
            new JsonObject { ["pricing"] = new JsonObject { ["amount"] = 39900 } }, Payments.NewKey());

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(39900, (await Agreements.GetAsync(caller, id))["pricing"]!["amount"]!.GetValue<long>());
    }

    [Fact]
    public async Task list_without_status_returns_only_active_agreements()
    {
        using var caller = VippsCaller.Partner(Host);
        var active = await Agreements.ActiveAsync(Host, caller);
        var pending = (await Agreements.DraftAsync(caller))["agreementId"]!.GetValue<string>();

        using var response = await caller.GetAsync("recurring/v3/agreements");
        var ids = (await response.ReadAsync()).AsArray().Select(a => a!["id"]!.GetValue<string>()).ToList();

        Assert.Contains(active, ids);
        Assert.DoesNotContain(pending, ids);
    }

    [Fact]
    public async Task list_with_status_pending_returns_pending_agreements()
    {
        using var caller = VippsCaller.Partner(Host);
        var pending = (await Agreements.DraftAsync(caller))["agreementId"]!.GetValue<string>();

        using var response = await caller.GetAsync("recurring/v3/agreements?status=PENDING");

        Assert.Contains(pending, (await response.ReadAsync()).AsArray().Select(a => a!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task merchant_keys_may_leave_out_the_msn_header_on_recurring()
    {
        using var caller = VippsCaller.Merchant(Host);
        caller.Msn = null;

        var draft = await Agreements.DraftAsync(caller);

        Assert.NotNull(draft["agreementId"]);
    }

    [Fact]
    public async Task partner_keys_without_msn_header_are_forbidden_on_recurring()
    {
        using var caller = VippsCaller.Partner(Host, msn: null);

        using var response = await caller.PostAsync("recurring/v3/agreements", Agreements.DraftBody(), Payments.NewKey());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task force_accept_is_refused_in_production_mode()
    {
        using var caller = VippsCaller.Partner(Host);
        var id = (await Agreements.DraftAsync(caller))["agreementId"]!.GetValue<string>();

        using var response = await caller.SendAsync(HttpMethod.Patch, $"recurring/v3/agreements/{id}/accept", new JsonObject { ["phoneNumber"] = "4791234567" }, Payments.NewKey());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
