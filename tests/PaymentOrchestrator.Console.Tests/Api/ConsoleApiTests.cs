using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PaymentOrchestrator.Console.Tests.Support;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Local.Events;
using PaymentOrchestrator.Local.Queues;
using PaymentOrchestrator.Orchestration.Stores;
using Azure.Storage.Queues;
using PaymentOrchestrator.WebConsole;

namespace PaymentOrchestrator.Console.Tests.Api;

/// <summary>The console's files and API routes over HTTP on the local host.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleApiTests(ConsoleFixture f) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = f.Host.BaseAddress };

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task the_page_and_its_files_are_served_with_their_content_types_and_a_strict_csp()
    {
        using var page = await _http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());

        using var script = await _http.GetAsync("/console/app.js");
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        using var style = await _http.GetAsync("/console/app.css");
        Assert.Equal("text/css", style.Content.Headers.ContentType?.MediaType);
        using var cached = new HttpRequestMessage(HttpMethod.Get, "/console/app.css");
        cached.Headers.TryAddWithoutValidation("If-None-Match", style.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.NotModified, (await _http.SendAsync(cached)).StatusCode);

        foreach (var missing in new[] { "/console/nope.js", "/console/../appsettings.json", "/console/%2e%2e/PaymentOrchestrator.Local.dll" })
        {
            using var response = await _http.GetAsync(missing);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public void the_assets_hold_no_inline_script_or_style_and_never_write_html()
    {
        Assert.Contains("index.html", ConsoleAssets.Paths);
        foreach (var path in ConsoleAssets.Paths)
        {
            var text = System.Text.Encoding.UTF8.GetString(ConsoleAssets.Find(path)!.Content.Span);
            Assert.DoesNotContain("innerHTML", text, StringComparison.Ordinal);
            Assert.DoesNotContain("outerHTML", text, StringComparison.Ordinal);
            Assert.DoesNotContain("insertAdjacentHTML", text, StringComparison.Ordinal);
            Assert.DoesNotContain("document.write", text, StringComparison.Ordinal);
            Assert.DoesNotContain("eval(", text, StringComparison.Ordinal);
            Assert.DoesNotContain(" style=", text, StringComparison.Ordinal);
            Assert.DoesNotContain("http://", text.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
            if (path.EndsWith(".html", StringComparison.Ordinal))
            {
                Assert.DoesNotContain("<script>", text, StringComparison.Ordinal);
                Assert.DoesNotContain("<style", text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task me_names_the_keys_source_and_only_the_sales_units_that_bind_it()
    {
        using var anonymous = await GetAsync("api/me", null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);

        var finance = await JsonAsync("api/me", ConsoleFixture.FinanceKey);
        Assert.Equal("finance/demo", finance.GetProperty("source").GetString());
        Assert.Contains(finance.GetProperty("salesUnits").EnumerateArray(), u => u.GetProperty("msn").GetString() == ConsoleFixture.Msn);

        var unbound = await JsonAsync("api/me", ConsoleFixture.UnboundKey);
        Assert.Equal(ConsoleFixture.UnboundSource, unbound.GetProperty("source").GetString());
        Assert.Empty(unbound.GetProperty("salesUnits").EnumerateArray());
    }

    [Fact]
    public async Task the_list_pages_with_a_continuation_token_and_refuses_bad_input_and_other_merchants()
    {
        var prefix = $"pg{Guid.NewGuid():N}"[..8];
        var references = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            // Authorized: no more polls, so no saga changes between the pages (that case has a test of its own).
            references.Add(await f.PaymentAsync(prefix, 1_000 + i, "Authorized"));
        }

        var seen = new List<string>();
        var created = new List<DateTimeOffset>();
        string? token = null;
        do
        {
            var page = await JsonAsync($"api/sales-units/{ConsoleFixture.Msn}/payment-list?q={prefix}&limit=1"
                + (token is null ? "" : "&continuation=" + Uri.EscapeDataString(token)), ConsoleFixture.FinanceKey);
            Assert.False(page.TryGetProperty("total", out _), "no total: counting would read the partition");
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            created.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("createdAt").GetDateTimeOffset()));
            token = page.GetProperty("continuation").GetString();
        }
        while (token is not null);

        Assert.Equal(references.Order(), seen.Order());
        // Newest creation first: a place that does not move when the saga changes.
        Assert.Equal(created.OrderDescending(), created);

        foreach (var (query, code) in new[] { ("limit=0", "InvalidValue"), ("limit=ten", "InvalidValue"), ("from=yesterday", "InvalidValue"),
            ("continuation=abc", "InvalidValue"), ("kind=refund", "InvalidValue") })
        {
            using var bad = await GetAsync($"api/sales-units/{ConsoleFixture.Msn}/payment-list?{query}", ConsoleFixture.FinanceKey);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal(code, (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }

        // Another merchant's sales unit answers exactly as one that does not exist: no probing of the registry.
        using var notTheirs = await GetAsync($"api/sales-units/{ConsoleFixture.Msn}/payment-list", ConsoleFixture.UnboundKey);
        using var unknown = await GetAsync("api/sales-units/9999/payment-list", ConsoleFixture.FinanceKey);
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var a = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        var b = await notTheirs.Content.ReadFromJsonAsync<JsonElement>();
        foreach (var field in new[] { "code", "title", "detail" })
        {
            Assert.Equal(a.GetProperty(field).GetString(), b.GetProperty(field).GetString());
        }
        using var next = await GetAsync($"api/sales-units/{ConsoleFixture.Msn}/payments/{references[0]}/next", ConsoleFixture.UnboundKey);
        Assert.Equal(HttpStatusCode.NotFound, next.StatusCode);
    }

    [Fact]
    public async Task the_next_step_of_a_waiting_payment_is_its_approval_link_and_of_a_captured_one_the_refundable_rest()
    {
        var waiting = await f.PaymentAsync("next-w", 5_000, "AwaitingCustomer");
        var step = await JsonAsync($"api/sales-units/{ConsoleFixture.Msn}/payments/{waiting}/next", ConsoleFixture.FinanceKey);
        Assert.StartsWith("http", step.GetProperty("approvalUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, step.GetProperty("refundableMinorUnits").GetInt64());

        var captured = await f.PaymentAsync("next-c", 7_000, "Captured");
        step = await JsonAsync($"api/sales-units/{ConsoleFixture.Msn}/payments/{captured}/next?kind=payment", ConsoleFixture.FinanceKey);
        Assert.Equal(JsonValueKind.Null, step.GetProperty("approvalUrl").ValueKind);
        Assert.Equal(7_000, step.GetProperty("refundableMinorUnits").GetInt64());
        Assert.Equal("NOK", step.GetProperty("currency").GetString());

        using var missing = await GetAsync($"api/sales-units/{ConsoleFixture.Msn}/payments/no-such-order/next", ConsoleFixture.FinanceKey);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task another_merchants_dead_letters_are_neither_shown_nor_replayed()
    {
        // Sales unit 334455 binds only webshop/other; it is switched off, so its order is dead-lettered.
        var other = Msn.Create("334455").Value;
        await f.SalesUnits.RegisterAsync(new SalesUnitRegistration(other, "Other merchant", Market.Finland, Vipps.VippsEnvironment.Production, "partner",
            ["webshop/other"], SalesUnitStatus.Disabled));
        var reference = $"fi-{Guid.NewGuid():N}"[..20];
        var webshop = new EventFactory(f.Host.Services.GetRequiredService<TimeProvider>(), "webshop/other");
        await f.PaymentRequests.SendMessageAsync(BinaryData.FromBytes(webshop.PaymentRequested("334455", reference, 1_000, "EUR")));
        var poison = f.Host.Services.GetRequiredService<QueueServiceClient>().GetQueueClient(QueueWorker.PoisonQueueName(f.PaymentRequests.Name));
        PoisonMessage? wrapper = null;
        for (var i = 0; i < 100 && wrapper is null; i++)
        {
            wrapper = (await poison.PeekMessagesAsync(32)).Value.Select(m => PoisonMessage.TryParse(m.Body))
                .FirstOrDefault(p => p?.OriginalMessage.Contains(reference, StringComparison.Ordinal) == true);
            await Task.Delay(wrapper is null ? 200 : 0);
        }

        Assert.NotNull(wrapper);
        var letters = await JsonAsync("api/dead-letters", ConsoleFixture.FinanceKey);
        Assert.DoesNotContain(reference, letters.GetRawText(), StringComparison.Ordinal);

        using var one = await PostAsync($"api/dead-letters/{f.PaymentRequests.Name}/replay", new { messageId = wrapper!.MessageId }, ConsoleFixture.FinanceKey);
        Assert.Equal(HttpStatusCode.NotFound, one.StatusCode);
        using var all = await PostAsync($"api/dead-letters/{f.PaymentRequests.Name}/replay", new { all = true }, ConsoleFixture.FinanceKey);
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Contains((await poison.PeekMessagesAsync(32)).Value.Select(m => PoisonMessage.TryParse(m.Body)),
            p => p?.OriginalMessage.Contains(reference, StringComparison.Ordinal) == true);

        using var neither = await PostAsync($"api/dead-letters/{f.PaymentRequests.Name}/replay", new { }, ConsoleFixture.FinanceKey);
        Assert.Equal(HttpStatusCode.BadRequest, neither.StatusCode);
        using var unknownQueue = await PostAsync("api/dead-letters/other-queue/replay", new { all = true }, ConsoleFixture.FinanceKey);
        Assert.Equal(HttpStatusCode.NotFound, unknownQueue.StatusCode);
        using var anonymous = await PostAsync($"api/dead-letters/{f.PaymentRequests.Name}/replay", new { all = true }, null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }

        return await _http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> PostAsync(string path, object body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }

        return await _http.SendAsync(request);
    }

    private async Task<JsonElement> JsonAsync(string path, string key)
    {
        using var response = await GetAsync(path, key);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
