using System.Net;
using PaymentOrchestrator.VippsSimulator.Tests.Support;

namespace PaymentOrchestrator.VippsSimulator.Tests.Epayment;

public sealed class IdempotencyTests : SimulatorTest
{
    [Fact]
    public async Task repeating_a_capture_with_the_same_key_and_body_captures_once()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAuthorizedAsync(Host, caller, 10000);
        var key = Payments.NewKey();

        using var first = await caller.PostAsync($"epayment/v1/payments/{reference}/capture", Payments.Modification(4000), key);
        using var second = await caller.PostAsync($"epayment/v1/payments/{reference}/capture", Payments.Modification(4000), key);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(4000, (await Payments.GetAsync(caller, reference))["aggregate"]!["capturedAmount"]!["value"]!.GetValue<long>());
        var counters = await Host.Admin.GetCountersAsync();
        Assert.Equal(1, counters.CapturesOf(caller.Msn!, reference));
        Assert.Equal(1, counters.IdempotentReplays);
    }

    [Fact]
    public async Task same_key_with_a_different_capture_body_is_a_conflict_with_error_code_4010()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAuthorizedAsync(Host, caller, 10000);
        var key = Payments.NewKey();
        using var first = await caller.PostAsync($"epayment/v1/payments/{reference}/capture", Payments.Modification(4000), key);

        using var second = await caller.PostAsync($"epayment/v1/payments/{reference}/capture", Payments.Modification(5000), key);

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("4010", await second.ErrorCodeAsync());
    }

    [Fact]
    public async Task a_stored_4xx_is_replayed_even_after_the_cause_is_gone()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAsync(caller);
        var key = Payments.NewKey();
        using var early = await caller.PostAsync($"epayment/v1/payments/{reference}/capture", Payments.Modification(100), key);
        Assert.Equal("6080", await early.ErrorCodeAsync());
        await Host.Admin.ApprovePaymentAsync(caller.Msn!, reference);

        using var retry = await caller.PostAsync($"epayment/v1/payments/{reference}/capture", Payments.Modification(100), key);

        Assert.Equal(HttpStatusCode.BadRequest, retry.StatusCode);
        Assert.Equal(await early.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task repeating_a_create_with_the_same_key_and_body_returns_the_first_answer()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = Payments.NewReference();
        var key = Payments.NewKey();

        using var first = await caller.PostAsync("epayment/v1/payments", Payments.CreateBody(reference), key);
        using var second = await caller.PostAsync("epayment/v1/payments", Payments.CreateBody(reference), key);

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task a_key_reused_for_another_payment_is_a_conflict_with_error_code_4020()
    {
        using var caller = VippsCaller.Partner(Host);
        var key = Payments.NewKey();
        using var first = await caller.PostAsync("epayment/v1/payments", Payments.CreateBody(Payments.NewReference()), key);

        using var second = await caller.PostAsync("epayment/v1/payments", Payments.CreateBody(Payments.NewReference()), key);

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("4020", await second.ErrorCodeAsync());
    }

    [Fact]
    public async Task concurrent_retries_with_one_key_capture_exactly_once()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAuthorizedAsync(Host, caller, 10000);
        await caller.TokenAsync();
        var key = Payments.NewKey();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            caller.PostAsync($"epayment/v1/payments/{reference}/capture", Payments.Modification(1000), key)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var response in responses)
        {
            response.Dispose();
        }

        Assert.Equal(1000, (await Payments.GetAsync(caller, reference))["aggregate"]!["capturedAmount"]!["value"]!.GetValue<long>());
    }
}
