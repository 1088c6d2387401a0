using PaymentOrchestrator.VippsSimulator.Tests.Support;

namespace PaymentOrchestrator.VippsSimulator.Tests.Admin;

public sealed class CountersTests : SimulatorTest
{
    [Fact]
    public async Task calls_are_counted_per_operation_name()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAsync(caller);
        await Payments.GetAsync(caller, reference);
        await Payments.GetAsync(caller, reference);

        var counters = await Host.Admin.GetCountersAsync();

        Assert.Equal(1, counters.CallsTo("epayment.create"));
        Assert.Equal(2, counters.CallsTo("epayment.get"));
    }

    [Fact]
    public async Task reset_sets_every_counter_to_zero()
    {
        using var caller = VippsCaller.Partner(Host);
        await Payments.CreateAsync(caller);

        await Host.Admin.ResetCountersAsync();
        var counters = await Host.Admin.GetCountersAsync();

        Assert.Equal(0, counters.TokenRequests);
        Assert.Empty(counters.Calls);
    }

    [Fact]
    public async Task counters_json_uses_the_documented_property_names()
    {
        using var http = Host.CreateClient();
        var body = await (await http.GetAsync(new Uri("simulator/counters", UriKind.Relative))).ReadAsync();

        foreach (var name in new[] { "tokenRequests", "calls", "captures", "refunds", "cancels", "idempotentReplays", "webhookDeliveries" })
        {
            Assert.NotNull(body[name]);
        }
    }
}
