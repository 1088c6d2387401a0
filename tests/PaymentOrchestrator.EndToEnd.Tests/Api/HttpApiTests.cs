using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PaymentOrchestrator.EndToEnd.Tests.Support;
using PaymentOrchestrator.Orchestration;

namespace PaymentOrchestrator.EndToEnd.Tests.Api;

public sealed class HttpApiTests : IAsyncLifetime
{
    private const string Msn = TestHost.Msn;
    private TestHost _h = null!;

    public async Task InitializeAsync() => _h = await TestHost.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static object Refund(string reference) => new
    {
        msn = Msn, reference, refundId = "r-1", amount = new { value = 1_000, currency = "NOK" }, reason = "Goodwill", requestedBy = "finance@shop.example",
    };

    [Fact]
    public async Task the_refund_api_refuses_a_request_without_an_api_key()
    {
        using var response = await _h.PostRefundAsync(Refund(TestHost.NewReference()), apiKey: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("ApiKey", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_refund_api_refuses_a_wrong_api_key()
    {
        using var response = await _h.PostRefundAsync(Refund(TestHost.NewReference()), apiKey: TestHost.FinanceKey + "x");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task a_valid_key_whose_source_the_sales_unit_does_not_bind_may_neither_refund_nor_read()
    {
        using var refund = await _h.PostRefundAsync(Refund(TestHost.NewReference()), TestHost.OtherFinanceKey);
        Assert.Equal(HttpStatusCode.Forbidden, refund.StatusCode);
        Assert.Equal("SourceNotBound", (await refund.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        using var read = await _h.GetAsync($"api/sales-units/{Msn}/payments", TestHost.OtherFinanceKey);
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
    }

    [Fact]
    public async Task a_refund_of_a_payment_that_does_not_exist_is_refused_with_a_problem()
    {
        using var response = await _h.PostRefundAsync(Refund(TestHost.NewReference("nothing")), TestHost.FinanceKey);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task queries_need_a_key_and_answer_unknown_payments_with_404()
    {
        using var anonymous = await _h.GetAsync($"api/sales-units/{Msn}/payments", apiKey: null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var missing = await _h.GetAsync($"api/sales-units/{Msn}/payments/{TestHost.NewReference("missing")}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);

        using var badMsn = await _h.GetAsync("api/sales-units/12/payments");
        Assert.Equal(HttpStatusCode.BadRequest, badMsn.StatusCode);
    }

    [Fact]
    public async Task the_reconciliation_of_a_date_is_read_with_the_same_key_rules_and_is_404_until_the_date_is_reconciled()
    {
        var jobs = _h.Host.Services.GetRequiredService<PaymentOrchestrator.Orchestration.Reconciliation.ReconciliationJob>();
        var ended = DateOnly.FromDateTime(_h.Host.Clock!.GetUtcNow().UtcDateTime).AddDays(-2);
        var route = $"api/sales-units/{Msn}/reconciliation?date={ended:yyyy-MM-dd}";

        using var anonymous = await _h.GetAsync(route, apiKey: null);
        using var otherSource = await _h.GetAsync(route, TestHost.OtherFinanceKey);
        using var badDate = await _h.GetAsync($"api/sales-units/{Msn}/reconciliation?date=yesterday");
        using var notYet = await _h.GetAsync(route);
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.BadRequest, HttpStatusCode.NotFound),
            (anonymous.StatusCode, otherSource.StatusCode, badDate.StatusCode, notYet.StatusCode));
        Assert.Equal("not-reconciled", (await notYet.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        await jobs.ReconcileAsync(Domain.Values.Msn.Create(Msn).Value, ended);
        using var read = await _h.GetAsync(route);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var day = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Reconciled", true, 0), (day.GetProperty("status").GetString(), day.GetProperty("isClean").GetBoolean(), day.GetProperty("matched").GetInt32()));
    }

    [Fact]
    public async Task health_answers_without_a_key()
    {
        using var response = await _h.GetAsync(OrchestratorNames.Routes.Health, apiKey: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task a_webhook_with_a_bad_signature_is_refused_with_401_and_changes_nothing()
    {
        using var content = new StringContent($$"""{"msn":"{{Msn}}","reference":"order-12345678","name":"AUTHORIZED"}""", Encoding.UTF8, "application/json");
        content.Headers.Add("x-ms-date", DateTimeOffset.UtcNow.ToString("R"));
        content.Headers.Add("x-ms-content-sha256", "AAAA");
        using var request = new HttpRequestMessage(HttpMethod.Post, OrchestratorNames.Routes.Webhooks) { Content = content };
        request.Headers.TryAddWithoutValidation("Authorization", "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=forged");

        using var response = await _h.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
