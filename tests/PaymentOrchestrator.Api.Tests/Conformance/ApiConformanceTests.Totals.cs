namespace PaymentOrchestrator.Api.Tests.Conformance;

/// <summary>The payment list's totals (issue 24 item 7): every row the list's filter matches, the same on both hosts.</summary>
public abstract partial class ApiConformanceTests
{
    private static string TotalsPath(string msn, string query = "") => $"/api/sales-units/{msn}/payments-totals{query}";

    [Fact]
    public async Task the_totals_of_a_filter_count_its_rows_and_sum_captured_refunded_and_net_per_currency_and_follow_a_refund()
    {
        var before = await host.SendAsync(HttpMethod.Get, TotalsPath(ApiHost.MsnA, $"?q={host.PaymentA}&limit=1"), headers: KeyA);
        Assert.Equal(200, before.Status);
        Assert.True(before.Json.GetProperty("complete").GetBoolean());
        Assert.Equal(1, before.Json.GetProperty("count").GetInt32());
        var nok = Assert.Single(before.Json.GetProperty("currencies").EnumerateArray());
        Assert.Equal("NOK", nok.GetProperty("currency").GetString());
        Assert.Equal(ApiHost.Captured, nok.GetProperty("capturedMinorUnits").GetInt64());
        var refundedBefore = nok.GetProperty("refundedMinorUnits").GetInt64();
        Assert.Equal(ApiHost.Captured - refundedBefore, nok.GetProperty("netMinorUnits").GetInt64());

        var refundId = "r-totals-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(202, (await host.SendAsync(HttpMethod.Post, "/api/refunds", Refund(ApiHost.MsnA, host.PaymentA, refundId, 700), "application/json", KeyA)).Status);
        await host.WaitUntilIdleAsync(ApiHost.MsnA, host.PaymentA);

        var after = await host.SendAsync(HttpMethod.Get, TotalsPath(ApiHost.MsnA, $"?q={host.PaymentA}"), headers: KeyA);
        var afterNok = Assert.Single(after.Json.GetProperty("currencies").EnumerateArray());
        Assert.Equal(refundedBefore + 700, afterNok.GetProperty("refundedMinorUnits").GetInt64());
        Assert.Equal(ApiHost.Captured - refundedBefore - 700, afterNok.GetProperty("netMinorUnits").GetInt64());

        // The list's filter, row by row too: a status the payment does not have leaves nothing to add up.
        var otherStatus = await host.SendAsync(HttpMethod.Get, TotalsPath(ApiHost.MsnA, $"?q={host.PaymentA}&status=Cancelled"), headers: KeyA);
        Assert.Equal(0, otherStatus.Json.GetProperty("count").GetInt32());
        Assert.Empty(otherStatus.Json.GetProperty("currencies").EnumerateArray());
        var otherKind = await host.SendAsync(HttpMethod.Get, TotalsPath(ApiHost.MsnA, $"?q={host.PaymentA}&kind=charge"), headers: KeyA);
        Assert.Equal(0, otherKind.Json.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task the_totals_refuse_a_bad_filter_with_the_lists_own_400()
    {
        foreach (var query in new[] { "?from=yesterday", "?kind=refund", "?from=2026-12-08&to=2026-12-01" })
        {
            var totals = await host.SendAsync(HttpMethod.Get, TotalsPath(ApiHost.MsnA, query), headers: KeyA);
            var list = await host.SendAsync(HttpMethod.Get, $"/api/sales-units/{ApiHost.MsnA}/payment-list{query}", headers: KeyA);
            Assert.Equal((400, 400), (totals.Status, list.Status));
            Assert.Equal(list.Json.GetProperty("detail").GetString(), totals.Json.GetProperty("detail").GetString());
        }
    }
}
