using PaymentOrchestrator.Testing.Sagas;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Orchestration.Processing;
using PaymentOrchestrator.Orchestration.Webhooks;

namespace PaymentOrchestrator.Orchestration.Tests.BadInput;

/// <summary>
/// Every input of <see cref="BadInputCorpus"/> through SagaHandoff (and the real orchestration) or WebhookProcessor: it gets its precise
/// code or reason, nothing throws (the process stays up), and nothing else changes — no table row and no simulator
/// counter, except that a saga may record its own refusal in its timeline.
/// </summary>
public sealed class BadInputCorpusTests(BadInputFixture fixture) : IClassFixture<BadInputFixture>
{
    [Fact]
    public void the_corpus_holds_at_least_50_inputs_with_unique_names()
    {
        Assert.True(BadInputCorpus.All.Count >= 50, $"{BadInputCorpus.All.Count} inputs");
        Assert.Equal(BadInputCorpus.All.Count, BadInputCorpus.All.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(BadInputCorpus.Names), MemberType = typeof(BadInputCorpus))]
    public async Task each_bad_input_gets_its_precise_reason_and_changes_nothing_else(string name)
    {
        var input = BadInputCorpus.All.Single(c => c.Name == name);
        var request = input.Build(fixture);
        var rowsBefore = await fixture.SnapshotAsync();
        var countersBefore = await fixture.Harness.Simulator.Admin.GetCountersAsync();

        var outcome = await RunAsync(input.Channel, request);

        if (input.Expected.StartsWith("unauthorized:", StringComparison.Ordinal) || input.Expected.StartsWith("ignored:", StringComparison.Ordinal)
            || input.Expected.StartsWith("malformed:", StringComparison.Ordinal))
        {
            var (kind, fragment) = Split(input.Expected);
            Assert.StartsWith(kind + ":", outcome, StringComparison.Ordinal);
            Assert.Contains(fragment, outcome, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(input.Expected, outcome);
        }

        var rowsAfter = await fixture.SnapshotAsync();
        var changed = rowsAfter.Where(r => !rowsBefore.TryGetValue(r.Key, out var etag) || etag != r.Value).Select(r => r.Key)
            .Concat(rowsBefore.Keys.Where(k => !rowsAfter.ContainsKey(k)))
            .ToList();
        if (input.Allowed == Allowed.Nothing)
        {
            Assert.Empty(changed);
        }
        else
        {
            // Only the target saga's own rows: its saga row, new timeline rows and the applied-event marker.
            var rowKey = fixture.PaymentKey.RowKey;
            Assert.All(changed, key => Assert.True(
                key.Contains($"/S|{rowKey}", StringComparison.Ordinal) || key.Contains($"/H|{rowKey}|", StringComparison.Ordinal) || key.Contains("/E|", StringComparison.Ordinal)
                    // The saga's list index row mirrors its saga row (last change) in the same transaction; never an operation line.
                    || (key.Contains("/L|", StringComparison.Ordinal) && key.EndsWith($"|{rowKey}|", StringComparison.Ordinal)),
                $"{key} changed"));
        }

        var countersAfter = await fixture.Harness.Simulator.Admin.GetCountersAsync();
        Assert.Equal(countersBefore.TokenRequests, countersAfter.TokenRequests);
        Assert.Equal(countersBefore.Calls.Values.Sum(), countersAfter.Calls.Values.Sum());
        Assert.Equal(countersBefore.Captures.Values.Sum(), countersAfter.Captures.Values.Sum());
        Assert.Equal(countersBefore.Refunds.Values.Sum(), countersAfter.Refunds.Values.Sum());
    }

    [Fact]
    public async Task after_the_whole_corpus_the_orchestrator_still_processes_a_good_payment()
    {
        foreach (var input in BadInputCorpus.All)
        {
            await RunAsync(input.Channel, input.Build(fixture));
        }

        var reference = Support.Events.NewReference("good");
        var result = await fixture.Harness.SendSettledAsync(Support.Events.PaymentRequested(BadInputFixture.Msn, reference, 10_000));

        Assert.Equal(EpaymentStatus.AwaitingCustomer, Assert.IsType<EpaymentState>(result.State).Status);
    }

    [Fact]
    public async Task invalid_utf8_in_a_property_name_is_rejected_as_malformed_json()
    {
        byte[] body = [0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D]; // {"\xC3(":1}

        var outcome = await RunAsync(Channel.PaymentRequests, new BadInputRequest(body));

        Assert.Equal("rejected:MalformedJson", outcome);
    }

    private async Task<string> RunAsync(Channel channel, BadInputRequest request)
    {
        if (channel == Channel.Webhook)
        {
            return await fixture.Get<WebhookProcessor>().ProcessAsync(request.Body, request.Date, request.Hash, request.Authorization) switch
            {
                WebhookUnauthorized u => "unauthorized:" + u.Reason,
                WebhookIgnored i => "ignored:" + i.Reason,
                WebhookMalformed m => "malformed:" + m.Reason,
                var other => "applied:" + other,
            };
        }

        var allowed = channel == Channel.RefundRequests ? EventTypeSets.RefundRequests : EventTypeSets.PaymentRequests;
        return await fixture.Harness.SendAsync(request.Body, allowed) switch
        {
            HandoffRejected r => "rejected:" + r.Code,
            HandoffReady { Duplicate: true } => "duplicate",
            var other => "applied:" + other,
        };
    }

    private static (string Kind, string Fragment) Split(string expected)
    {
        var colon = expected.IndexOf(':', StringComparison.Ordinal);
        return (expected[..colon], expected[(colon + 1)..]);
    }
}
