using System.Net;
using System.Text.Json.Nodes;
using PaymentOrchestrator.VippsSimulator.Tests.Support;

namespace PaymentOrchestrator.VippsSimulator.Tests.Epayment;

public sealed class CreatePaymentTests : SimulatorTest
{
    [Fact]
    public async Task create_answers_201_with_the_reference_and_a_redirect_url()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = Payments.NewReference();

        using var response = await caller.PostAsync("epayment/v1/payments", Payments.CreateBody(reference), Payments.NewKey());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadAsync();
        Assert.Equal(reference, body["reference"]!.GetValue<string>());
        Assert.StartsWith(Host.BaseAddress.ToString(), body["redirectUrl"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_new_payment_is_created_with_a_zero_aggregate()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAsync(caller, 4990);

        var payment = await Payments.GetAsync(caller, reference);

        Assert.Equal("CREATED", payment["state"]!.GetValue<string>());
        Assert.Equal(4990, payment["amount"]!["value"]!.GetValue<long>());
        Assert.Equal(0, payment["aggregate"]!["authorizedAmount"]!["value"]!.GetValue<long>());
        Assert.Equal("WALLET", payment["paymentMethod"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task push_message_payment_has_no_redirect_url()
    {
        using var caller = VippsCaller.Partner(Host);
        var body = Payments.CreateBody(Payments.NewReference(), userFlow: "PUSH_MESSAGE");
        body["customer"] = new JsonObject { ["phoneNumber"] = "4791234567" };

        using var response = await caller.PostAsync("epayment/v1/payments", body, Payments.NewKey());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Null((await response.ReadAsync())["redirectUrl"]);
    }

    [Fact]
    public async Task push_message_without_customer_is_refused_with_error_code_4140()
    {
        using var caller = VippsCaller.Partner(Host);
        using var response = await caller.PostAsync("epayment/v1/payments", Payments.CreateBody(Payments.NewReference(), userFlow: "PUSH_MESSAGE"), Payments.NewKey());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("4140", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task web_redirect_without_return_url_is_refused_with_error_code_4140()
    {
        using var caller = VippsCaller.Partner(Host);
        var body = Payments.CreateBody(Payments.NewReference());
        body.Remove("returnUrl");

        using var response = await caller.PostAsync("epayment/v1/payments", body, Payments.NewKey());

        Assert.Equal("4140", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task currency_other_than_the_sales_units_market_is_refused_with_error_code_5040()
    {
        using var caller = VippsCaller.Partner(Host, SimulatorDefaults.NorwayMsn);
        using var response = await caller.PostAsync("epayment/v1/payments", Payments.CreateBody(Payments.NewReference(), currency: "EUR"), Payments.NewKey());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("5040", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task danish_sales_unit_accepts_dkk()
    {
        using var caller = VippsCaller.Partner(Host, SimulatorDefaults.DenmarkMsn);
        var reference = await Payments.CreateAsync(caller, 1, "DKK");

        Assert.Equal("DKK", (await Payments.GetAsync(caller, reference))["amount"]!["currency"]!.GetValue<string>());
    }

    [Fact]
    public async Task decimal_amount_is_refused_with_error_code_4040()
    {
        using var caller = VippsCaller.Partner(Host);
        var body = Payments.CreateBody(Payments.NewReference());
        body["amount"]!["value"] = 100.5m;

        using var response = await caller.PostAsync("epayment/v1/payments", body, Payments.NewKey());

        Assert.Equal("4040", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task nok_amount_below_100_ore_is_refused_with_error_code_6010()
    {
        using var caller = VippsCaller.Partner(Host);
        using var response = await caller.PostAsync("epayment/v1/payments", Payments.CreateBody(Payments.NewReference(), value: 99), Payments.NewKey());

        Assert.Equal("6010", await response.ErrorCodeAsync());
    }

    [Theory]
    [InlineData("short")]
    [InlineData("has spaces in it")]
    [InlineData("under_score_1234")]
    public async Task reference_outside_the_documented_pattern_is_refused(string reference)
    {
        using var caller = VippsCaller.Partner(Host);
        using var response = await caller.PostAsync("epayment/v1/payments", Payments.CreateBody(reference), Payments.NewKey());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task reusing_a_reference_with_a_new_key_is_a_conflict_with_error_code_4150()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAsync(caller);

        using var response = await caller.PostAsync("epayment/v1/payments", Payments.CreateBody(reference), Payments.NewKey());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("4150", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task the_same_reference_may_be_used_by_two_sales_units()
    {
        using var norway = VippsCaller.Partner(Host, SimulatorDefaults.NorwayMsn);
        using var other = VippsCaller.Merchant(Host, SimulatorDefaults.UnlinkedMsn);
        var reference = Payments.NewReference();

        using var first = await norway.PostAsync("epayment/v1/payments", Payments.CreateBody(reference), Payments.NewKey());
        using var second = await other.PostAsync("epayment/v1/payments", Payments.CreateBody(reference), Payments.NewKey());

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
    }

    [Fact]
    public async Task create_without_idempotency_key_is_refused()
    {
        using var caller = VippsCaller.Partner(Host);
        using var response = await caller.PostAsync("epayment/v1/payments", Payments.CreateBody(Payments.NewReference()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task metadata_with_more_than_five_pairs_is_refused_with_error_code_4100()
    {
        using var caller = VippsCaller.Partner(Host);
        var body = Payments.CreateBody(Payments.NewReference());
        body["metadata"] = new JsonObject { ["a"] = "1", ["b"] = "2", ["c"] = "3", ["d"] = "4", ["e"] = "5", ["f"] = "6" };

        using var response = await caller.PostAsync("epayment/v1/payments", body, Payments.NewKey());

        Assert.Equal("4100", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task metadata_is_returned_by_get_payment()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = Payments.NewReference();
        var body = Payments.CreateBody(reference);
        body["metadata"] = new JsonObject { ["orderId"] = "o-1" };
        using var created = await caller.PostAsync("epayment/v1/payments", body, Payments.NewKey());

        Assert.Equal("o-1", (await Payments.GetAsync(caller, reference))["metadata"]!["orderId"]!.GetValue<string>());
    }

    [Fact]
    public async Task an_unknown_reference_is_not_found_with_error_code_5090()
    {
        using var caller = VippsCaller.Partner(Host);
        using var response = await caller.GetAsync("epayment/v1/payments/does-not-exist-123");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("5090", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task errors_are_problem_json_with_a_trace_id()
    {
        using var caller = VippsCaller.Partner(Host);
        using var response = await caller.GetAsync("epayment/v1/payments/does-not-exist-123");

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var body = await response.ReadAsync();
        Assert.Equal(404, body["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(body["traceId"]!.GetValue<string>()));
    }
}
