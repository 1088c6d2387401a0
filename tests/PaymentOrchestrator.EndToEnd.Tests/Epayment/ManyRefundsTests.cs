using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PaymentOrchestrator.EndToEnd.Tests.Support;
using PaymentOrchestrator.Vipps;
using PaymentOrchestrator.Vipps.Epayment;
using Xunit.Abstractions;

namespace PaymentOrchestrator.EndToEnd.Tests.Epayment;

/// <summary>
/// Issue 21: a payment used to become unrefundable after a few dozen refunds, because each one grew the saga row. Vipps
/// limits only the rate of refunds per payment (off in this simulator), so a hundred are an ordinary day for one order.
/// </summary>
public sealed class ManyRefundsTests(ITestOutputHelper output)
{
    private const string Msn = TestHost.Msn;

    [Fact]
    public async Task a_hundred_refunds_of_one_ore_over_http_all_reach_vipps_and_each_is_listed()
    {
        await using var h = await TestHost.StartAsync();
        var reference = TestHost.NewReference();
        var key = await h.CapturedPaymentAsync(reference, 10_000);

        var throttled = 0;
        for (var i = 1; i <= 100; i++)
        {
            var body = new
            {
                msn = Msn, reference, refundId = $"return-{i:D3}", amount = new { value = 1, currency = "NOK" }, reason = new string('r', 200),
                requestedBy = "finance@shop.example",
            };
            while (true)
            {
                using var answer = await h.PostRefundAsync(body, TestHost.FinanceKey);
                if (answer.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    // Too many in flight: the answer says when to come back; a test need not wait that long.
                    Assert.NotNull(answer.Headers.RetryAfter?.Delta);
                    throttled++;
                    await Task.Delay(200);
                    continue;
                }

                Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
                break;
            }
        }

        var view = await h.EventuallyAsync(key, v => v.Summary.RefundedMinorUnits == 100, "100 øre refunded", seconds: 120);
        output.WriteLine($"{throttled} answers of 429 (operations in flight) on the way");
        var counters = await h.Admin.GetCountersAsync();
        Assert.Equal(100, counters.RefundsOf(Msn, reference));
        var atVipps = await h.Host.Services.GetRequiredService<VippsEpaymentClient>().GetPaymentAsync(MerchantSerialNumber.Create(Msn), reference);
        Assert.Equal(100, atVipps.Aggregate.RefundedAmount?.Value);
        var refunds = view.State.GetProperty("refunds").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, 100).Select(i => $"return-{i:D3}"), refunds.Select(r => r.GetProperty("refundId").GetString()));
        Assert.All(refunds, r => Assert.Equal("Succeeded", r.GetProperty("status").GetString()));
        Assert.Equal(100, refunds.Sum(r => r.GetProperty("amount").GetProperty("minorUnits").GetInt64()));
        Assert.Equal(JsonValueKind.Array, view.State.GetProperty("captures").ValueKind);
    }
}
