using System.Text;
using System.Text.Json.Nodes;

namespace PaymentOrchestrator.Api.Tests.Conformance;

/// <summary>
/// Onboarding a new merchant on both hosts: only a key that manages the partner's sales units may start or list
/// onboardings; every field is checked and a refusal names it; a good order is sent to the simulator and listed with
/// its history.
/// </summary>
public abstract partial class ApiConformanceTests
{
    private const string Onboarding = "/api/sales-units/onboarding";
    private static readonly Dictionary<string, string> PartnerKey = new() { ["x-api-key"] = ApiHost.KeyManager };

    /// <summary>The merchant of the refused attempts: no onboarding of it may ever be stored.</summary>
    private const string RefusedMerchant = "911111111";

    private static JsonObject GoodOnboarding(string organizationNumber = RefusedMerchant) => new()
    {
        ["organizationNumber"] = organizationNumber,
        ["salesUnitName"] = "Karis Kafé",
        ["productType"] = "VIPPS_PA_NETT",
        ["website"] = "https://kafe.example.no",
        ["termsUrl"] = "https://kafe.example.no/terms",
    };

    private Task<ApiAnswer> StartOnboardingAsync(JsonObject body, IReadOnlyDictionary<string, string>? headers) =>
        host.SendAsync(HttpMethod.Post, Onboarding, Encoding.UTF8.GetBytes(body.ToJsonString()), "application/json", headers);

    [Fact]
    public async Task onboarding_without_a_key_is_401_and_with_a_key_that_does_not_manage_sales_units_403_on_both_routes()
    {
        var anonymousStart = await StartOnboardingAsync(GoodOnboarding(), null);
        var anonymousList = await host.SendAsync(HttpMethod.Get, Onboarding);
        var financeStart = await StartOnboardingAsync(GoodOnboarding(), KeyA);
        var webshopList = await host.SendAsync(HttpMethod.Get, Onboarding, headers: WebshopKey);

        Assert.Equal((401, 401, 403, 403), (anonymousStart.Status, anonymousList.Status, financeStart.Status, webshopList.Status));
        AssertProblem(anonymousStart, "unauthorized");
        AssertProblem(financeStart, "not-a-sales-unit-manager");
        Assert.Contains("ManagesSalesUnits", financeStart.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertNoOnboardingOfRefusedMerchantAsync();
    }

    /// <summary>
    /// Input Vipps would refuse is 400 naming the field: by the onboarding form (<c>InvalidValue</c>, with <c>field</c>),
    /// or, for control and direction characters, already by the strict JSON reader (<c>invalid-text</c>, with the path).
    /// </summary>
    [Theory]
    [InlineData("organizationNumber", "12345678", "InvalidValue")]
    [InlineData("organizationNumber", "91234567O", "InvalidValue")]
    [InlineData("productType", "VIPPS_EVERYTHING", "InvalidValue")]
    [InlineData("salesUnitName", "Kari's Kafé", "InvalidValue")]
    [InlineData("website", "http://kafe.example.no", "InvalidValue")]
    [InlineData("website", "javascript:alert(1)", "InvalidValue")]
    [InlineData("website", "https://KAFE.example.no", "InvalidValue")]
    [InlineData("annualTurnover", "-1", "InvalidValue")]
    [InlineData("annualTurnover", "1000000000", "InvalidValue")]
    [InlineData("pricePackageId", "not-a-uuid", "InvalidValue")]
    [InlineData("productUseCase", "Shop", "InvalidValue")]
    [InlineData("salesUnitName", "Kafé\u0000Evil", "invalid-text")]
    [InlineData("salesUnitName", "Kafé\r\nX-Injected: 1", "invalid-text")]
    [InlineData("salesUnitName", "\u202EéfaK", "invalid-text")]
    [InlineData("termsUrl", "https://kafe.example.no/\u0007terms", "invalid-text")]
    public async Task onboarding_input_vipps_would_refuse_is_400_naming_the_field(string field, string value, string code)
    {
        var body = GoodOnboarding();
        body[field] = value;

        var answer = await StartOnboardingAsync(body, PartnerKey);

        Assert.Equal(400, answer.Status);
        AssertProblem(answer, code);
        var detail = answer.Json.GetProperty("detail").GetString()!;
        Assert.True(code == "invalid-text" ? detail.Contains("$." + field, StringComparison.Ordinal) : answer.Json.GetProperty("field").GetString() == field && detail.StartsWith(field, StringComparison.Ordinal), detail);
        Assert.DoesNotContain(detail, char.IsControl);
        await AssertNoOnboardingOfRefusedMerchantAsync();
    }

    [Fact]
    public async Task the_largest_and_strangest_onboarding_inputs_are_refused_clearly_and_nothing_is_stored()
    {
        var longName = GoodOnboarding();
        longName["salesUnitName"] = new string('K', 100_000);
        var longPurpose = GoodOnboarding();
        longPurpose["intendedPurpose"] = new string('x', 5_000);
        var longUrl = GoodOnboarding();
        longUrl["website"] = "https://kafe.example.no/" + new string('a', 1_000);
        var unknown = GoodOnboarding();
        unknown["contactEmail"] = "kari@example.no";
        var notText = GoodOnboarding();
        notText["salesUnitName"] = new JsonArray("Karis", "Kafé");
        var missing = new JsonObject { ["salesUnitName"] = "Karis Kafé" };

        var answers = new[]
        {
            (await StartOnboardingAsync(longName, PartnerKey), "salesUnitName"),
            (await StartOnboardingAsync(longPurpose, PartnerKey), "intendedPurpose"),
            (await StartOnboardingAsync(longUrl, PartnerKey), "website"),
            (await StartOnboardingAsync(unknown, PartnerKey), "contactEmail"),
            (await StartOnboardingAsync(notText, PartnerKey), "salesUnitName"),
            (await StartOnboardingAsync(missing, PartnerKey), "organizationNumber"),
        };

        foreach (var (answer, field) in answers)
        {
            Assert.True(answer.Status == 400, $"{field}: {answer.Status} {answer.Body}");
            Assert.Equal(field, answer.Json.GetProperty("field").GetString());
            Assert.True(answer.Json.GetProperty("detail").GetString()!.Length < 400, answer.Body);
        }

        await AssertNoOnboardingOfRefusedMerchantAsync();
    }

    [Fact]
    public async Task a_partner_key_starts_an_onboarding_gets_the_prefill_url_and_lists_it_with_its_history()
    {
        var started = await StartOnboardingAsync(GoodOnboarding("987654321"), PartnerKey);

        Assert.True(started.Status == 201, started.Body);
        var o = started.Json;
        Assert.Equal("Sent", o.GetProperty("status").GetString());
        Assert.StartsWith("http", o.GetProperty("prefillUrl").GetString(), StringComparison.Ordinal);
        var listed = Assert.Single((await host.SendAsync(HttpMethod.Get, Onboarding, headers: PartnerKey)).Json.GetProperty("onboardings").EnumerateArray(),
            l => l.GetProperty("id").GetString() == o.GetProperty("id").GetString());
        Assert.Equal(["Sending", "Sent"], listed.GetProperty("history").EnumerateArray().Select(s => s.GetProperty("status").GetString()));
        Assert.Equal("987654321", listed.GetProperty("organizationNumber").GetString());

        var again = await StartOnboardingAsync(GoodOnboarding("987654321"), PartnerKey);
        Assert.Equal(409, again.Status);
        AssertProblem(again, "AlreadyOnboarding");
        Assert.True((await host.SendAsync(HttpMethod.Get, "/api/me", headers: PartnerKey)).Json.GetProperty("managesSalesUnits").GetBoolean());
        Assert.False((await host.SendAsync(HttpMethod.Get, "/api/me", headers: KeyA)).Json.GetProperty("managesSalesUnits").GetBoolean());
    }

    private async Task AssertNoOnboardingOfRefusedMerchantAsync()
    {
        var list = await host.SendAsync(HttpMethod.Get, Onboarding, headers: PartnerKey);
        Assert.Equal(200, list.Status);
        Assert.DoesNotContain(list.Json.GetProperty("onboardings").EnumerateArray(), o => o.GetProperty("organizationNumber").GetString() == RefusedMerchant);
    }
}
