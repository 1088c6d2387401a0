using PaymentOrchestrator.Testing;
using PaymentOrchestrator.VippsSimulator.Tests.Support;

namespace PaymentOrchestrator.VippsSimulator.Tests.Contracts;

/// <summary>Every Management API answer the simulator gives, and the requests it accepts, are what management-v1.yaml declares.</summary>
public sealed class ManagementContractTests : SimulatorTest
{
    private const string List = "/management/v1/sales-units";
    private const string One = "/management/v1/sales-units/{msn}";
    private const string Merchant = "/management/v1/merchants/{scheme}/{id}/sales-units";
    private const string Orders = "/management/v1/product-orders";

    private static OpenApiContract Spec => OpenApiContract.Management;

    [Fact]
    public void the_contract_rejects_answers_and_requests_the_spec_does_not_declare()
    {
        Assert.NotEmpty(Spec.ValidateResponse("GET", One, 200, """{"msn":"123456","name":"x"}"""));
        Assert.NotEmpty(Spec.ValidateResponse("GET", List, 200, """[{"msn":"12","name":"x"}]"""));
        Assert.NotEmpty(Spec.ValidateResponse("POST", Orders, 400, """{"extraDetails":[{"key":1}]}"""));
        Assert.NotEmpty(Spec.Validate("ProductOrderRequest", """{"businessIdentifier":{"scheme":"business:NO:ORG","id":"1"},"productType":"VIPPS_PA_NETT"}"""));
        Assert.NotEmpty(Spec.ValidateRequest("GET", "/management/v1/product-orders/123456", "", new Dictionary<string, string>()));
        Assert.NotEmpty(Spec.ValidateRequest("POST", Orders, "", new Dictionary<string, string>()));
    }

    [Fact]
    public async Task every_answer_of_a_session_with_each_key_type_matches_the_spec()
    {
        using var partner = VippsCaller.Partner(Host, msn: null);
        using var management = VippsCaller.Management(Host);
        management.Msn = null;
        using var merchant = VippsCaller.Merchant(Host);
        merchant.Msn = null;
        using var accounting = VippsCaller.Accounting(Host);
        using var stranger = VippsCaller.Partner(Host, msn: null);
        stranger.UseToken("not-a-token");
        var key = Payments.NewKey();
        var organization = SimulatorDefaults.NorwayOrganizationNumber;

        var session = new List<(HttpMethod Method, string Template, VippsCaller Caller, string Path, System.Text.Json.Nodes.JsonNode? Body, string? Key)>
        {
            (HttpMethod.Get, List, partner, "management/v1/sales-units", null, null),
            (HttpMethod.Get, List, management, "management/v1/sales-units", null, null),
            (HttpMethod.Get, List, merchant, "management/v1/sales-units", null, null),
            (HttpMethod.Get, List, accounting, "management/v1/sales-units", null, null),
            (HttpMethod.Get, List, stranger, "management/v1/sales-units", null, null),
            (HttpMethod.Get, One, partner, "management/v1/sales-units/" + SimulatorDefaults.DirectCaptureMsn, null, null),
            (HttpMethod.Get, One, management, "management/v1/sales-units/" + SimulatorDefaults.NoRecurringMsn, null, null),
            (HttpMethod.Get, One, partner, "management/v1/sales-units/" + SimulatorDefaults.UnlinkedMsn, null, null),
            (HttpMethod.Get, One, partner, "management/v1/sales-units/654321", null, null),
            (HttpMethod.Get, One, partner, "management/v1/sales-units/12a", null, null),
            (HttpMethod.Get, Merchant, partner, $"management/v1/merchants/business:NO:ORG/{organization}/sales-units", null, null),
            (HttpMethod.Get, Merchant, partner, "management/v1/merchants/business:NO:ORG/111111111/sales-units", null, null),
            (HttpMethod.Post, Orders, partner, "management/v1/product-orders", ProductOrders.Body(), key),
            (HttpMethod.Post, Orders, partner, "management/v1/product-orders", ProductOrders.Body(), key),
            (HttpMethod.Post, Orders, partner, "management/v1/product-orders", ProductOrders.Body(name: "Other"), key),
            (HttpMethod.Post, Orders, management, "management/v1/product-orders", ProductOrders.Body("123456789"), Payments.NewKey()),
            (HttpMethod.Post, Orders, partner, "management/v1/product-orders", new System.Text.Json.Nodes.JsonObject { ["productType"] = "VIPPS_PA_NETT" }, Payments.NewKey()),
            (HttpMethod.Post, Orders, partner, "management/v1/product-orders", ProductOrders.Body(), null),
        };

        var statuses = new List<int>();
        foreach (var (method, template, caller, path, body, idempotencyKey) in session)
        {
            using var response = await caller.SendAsync(method, path, body, idempotencyKey);
            var status = (int)response.StatusCode;
            statuses.Add(status);
            var json = await response.Content.ReadAsStringAsync();
            Spec.AssertValidResponse(method.Method, template, status, json);
            if (body is not null && status < 300)
            {
                Spec.AssertValid("ProductOrderRequest", body.ToJsonString());
            }
        }

        Assert.Equal([200, 200, 200, 403, 401, 200, 200, 403, 404, 400, 200, 404, 201, 201, 409, 201, 400, 400], statuses);
    }

    [Fact]
    public async Task the_requests_the_tests_send_are_requests_the_spec_declares()
    {
        using var caller = VippsCaller.Partner(Host);
        var headers = await caller.HeadersAsync();
        headers["Idempotency-Key"] = Payments.NewKey();

        Assert.Empty(Spec.ValidateRequest("GET", List, "", headers));
        Assert.Empty(Spec.ValidateRequest("GET", "/management/v1/sales-units/" + SimulatorDefaults.NorwayMsn, "", headers));
        Assert.Empty(Spec.ValidateRequest("GET", $"/management/v1/merchants/business:NO:ORG/{SimulatorDefaults.NorwayOrganizationNumber}/sales-units", "", headers));
        Assert.Empty(Spec.ValidateRequest("POST", Orders, "", headers));
        Assert.Empty(Spec.Validate("ProductOrderRequest", ProductOrders.Body().ToJsonString()));
    }
}
