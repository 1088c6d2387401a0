using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace PaymentOrchestrator.VippsSimulator.Tests.Support;

/// <summary>A minimal Vipps API caller written from the docs: token, subscription key, MSN and idempotency headers.</summary>
internal sealed class VippsCaller : IDisposable
{
    private readonly HttpClient _http;
    private string? _token;

    public VippsCaller(SimulatorHost host, string clientId, string clientSecret, string subscriptionKey, string? msn)
    {
        _http = host.CreateClient();
        ClientId = clientId;
        ClientSecret = clientSecret;
        SubscriptionKey = subscriptionKey;
        Msn = msn;
    }

    public string ClientId { get; }

    public string ClientSecret { get; }

    public string SubscriptionKey { get; set; }

    public string? Msn { get; set; }

    public static VippsCaller Partner(SimulatorHost host, string? msn = SimulatorDefaults.NorwayMsn) =>
        new(host, SimulatorDefaults.PartnerClientId, SimulatorDefaults.PartnerClientSecret, SimulatorDefaults.PartnerSubscriptionKey, msn);

    public static VippsCaller Merchant(SimulatorHost host, string msn = SimulatorDefaults.NorwayMsn) =>
        new(host, SimulatorDefaults.MerchantClientId(msn), SimulatorDefaults.MerchantClientSecret(msn), SimulatorDefaults.MerchantSubscriptionKey(msn), msn);

    public static VippsCaller Management(SimulatorHost host, string msn = SimulatorDefaults.NorwayMsn) =>
        new(host, SimulatorDefaults.ManagementClientId, SimulatorDefaults.ManagementClientSecret, SimulatorDefaults.ManagementSubscriptionKey, msn);

    /// <summary>The default accounting key set (Report API only; no MSN header).</summary>
    public static VippsCaller Accounting(SimulatorHost host) =>
        new(host, SimulatorDefaults.AccountingClientId, SimulatorDefaults.AccountingClientSecret, SimulatorDefaults.AccountingSubscriptionKey, null);

    public HttpClient Http => _http;

    public async Task<HttpResponseMessage> RequestTokenAsync(string? subscriptionKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "accesstoken/get");
        request.Headers.Add("client_id", ClientId);
        request.Headers.Add("client_secret", ClientSecret);
        request.Headers.Add("Ocp-Apim-Subscription-Key", subscriptionKey ?? SubscriptionKey);
        return await _http.SendAsync(request);
    }

    public async Task<string> TokenAsync()
    {
        if (_token is null)
        {
            using var response = await RequestTokenAsync();
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<JsonObject>();
            _token = body!["access_token"]!.GetValue<string>();
        }

        return _token;
    }

    public void UseToken(string token) => _token = token;

    /// <summary>The headers this caller sends, as the contract tests check them against a spec's declared parameters.</summary>
    public async Task<Dictionary<string, string>> HeadersAsync()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Authorization"] = "Bearer " + await TokenAsync(),
            ["Ocp-Apim-Subscription-Key"] = SubscriptionKey,
            ["Vipps-System-Name"] = "simulator-tests",
            ["Vipps-System-Version"] = "1.0.0",
        };
        if (Msn is not null)
        {
            headers["Merchant-Serial-Number"] = Msn;
        }

        return headers;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, string? idempotencyKey = null, bool authorize = true)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (authorize)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync());
        }

        request.Headers.Add("Ocp-Apim-Subscription-Key", SubscriptionKey);
        if (Msn is not null)
        {
            request.Headers.Add("Merchant-Serial-Number", Msn);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        request.Headers.Add("Vipps-System-Name", "simulator-tests");
        request.Headers.Add("Vipps-System-Version", "1.0.0");
        if (body is not null)
        {
            var json = body as string ?? (body as JsonNode)?.ToJsonString() ?? System.Text.Json.JsonSerializer.Serialize(body);
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await _http.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostAsync(string path, object? body, string? idempotencyKey = null) =>
        SendAsync(HttpMethod.Post, path, body, idempotencyKey);

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public void Dispose() => _http.Dispose();
}
