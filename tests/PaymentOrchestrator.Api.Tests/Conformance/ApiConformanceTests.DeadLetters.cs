using System.Text;
using System.Text.Json;
using PaymentOrchestrator.Orchestration.Tests.Support;

namespace PaymentOrchestrator.Api.Tests.Conformance;

/// <summary>
/// The dead-letter routes on both hosts, over each host's own dead letters (<see cref="ApiHost.DeadLetterAsync"/>): a
/// Storage poison queue locally, a Service Bus dead-letter sub-queue (in memory) in the Functions app. The letters are
/// refund requests, listed and replayed with the finance keys.
/// </summary>
public abstract partial class ApiConformanceTests
{
    private const string Reason = "MaxDeliveryCountExceeded";
    private const string Description = "Message could not be consumed after 10 delivery attempts.";

    [Fact]
    public async Task a_key_lists_the_dead_letters_of_its_own_sales_units_with_reason_and_original_never_another_sources()
    {
        var queue = host.RefundRequestsQueue;
        var own = await DeadLetterRefundAsync(ApiHost.MsnA);
        var other = await DeadLetterRefundAsync(ApiHost.MsnB);

        var seenByA = await DeadLettersAsync(KeyA, queue);
        var seenByB = await DeadLettersAsync(KeyB, queue);

        var letter = Assert.Single(seenByA, l => Original(l) == Text(own));
        Assert.Equal((Reason, Description, ApiHost.MsnA), (Field(letter, "reason"), Field(letter, "description"), Field(letter, "msn")));
        Assert.Equal("payment.refund-requested.v1", Field(letter, "eventType"));
        Assert.DoesNotContain(seenByA, l => Field(l, "msn") != ApiHost.MsnA);
        Assert.Contains(seenByB, l => Original(l) == Text(other));
        Assert.DoesNotContain(seenByB, l => Field(l, "msn") != ApiHost.MsnB);
    }

    [Fact]
    public async Task replaying_one_dead_letter_by_id_sends_it_back_to_its_work_queue_and_removes_it_from_the_dead_letters()
    {
        var queue = host.RefundRequestsQueue;
        var replayed = await DeadLetterRefundAsync(ApiHost.MsnA);
        var kept = await DeadLetterRefundAsync(ApiHost.MsnA);
        var id = Field(Assert.Single(await DeadLettersAsync(KeyA, queue), l => Original(l) == Text(replayed)), "messageId");

        var answer = await host.SendAsync(HttpMethod.Post, $"/api/dead-letters/{queue}/replay", Json(new { messageId = id }), "application/json", KeyA);

        Assert.Equal(200, answer.Status);
        Assert.Equal(1, answer.Json.GetProperty("replayed").GetInt32());
        var inQueue = await host.WorkQueueMessagesAsync(queue);
        Assert.Contains(Text(replayed), inQueue);
        Assert.DoesNotContain(Text(kept), inQueue);
        var after = await DeadLettersAsync(KeyA, queue);
        Assert.DoesNotContain(after, l => Original(l) == Text(replayed));
        Assert.Contains(after, l => Original(l) == Text(kept));
    }

    [Fact]
    public async Task replaying_all_sends_back_every_dead_letter_the_key_may_see_and_leaves_another_sources()
    {
        var queue = host.RefundRequestsQueue;
        var own = await DeadLetterRefundAsync(ApiHost.MsnA);
        var other = await DeadLetterRefundAsync(ApiHost.MsnB);

        var answer = await host.SendAsync(HttpMethod.Post, $"/api/dead-letters/{queue}/replay", Json(new { all = true }), "application/json", KeyA);

        Assert.Equal(200, answer.Status);
        Assert.True(answer.Json.GetProperty("replayed").GetInt32() >= 1);
        var inQueue = await host.WorkQueueMessagesAsync(queue);
        Assert.Contains(Text(own), inQueue);
        Assert.DoesNotContain(Text(other), inQueue);
        Assert.Empty(await DeadLettersAsync(KeyA, queue));
        Assert.Contains(await DeadLettersAsync(KeyB, queue), l => Original(l) == Text(other));
    }

    [Fact]
    public async Task replaying_an_unknown_id_another_sources_letter_or_an_unknown_queue_gets_404_problem()
    {
        var queue = host.RefundRequestsQueue;
        var other = await DeadLetterRefundAsync(ApiHost.MsnB);
        var othersId = Field(Assert.Single(await DeadLettersAsync(KeyB, queue), l => Original(l) == Text(other)), "messageId");

        var unknownId = await host.SendAsync(HttpMethod.Post, $"/api/dead-letters/{queue}/replay", Json(new { messageId = "no-such-message" }), "application/json", KeyA);
        var othersLetter = await host.SendAsync(HttpMethod.Post, $"/api/dead-letters/{queue}/replay", Json(new { messageId = othersId }), "application/json", KeyA);
        var unknownQueue = await host.SendAsync(HttpMethod.Post, "/api/dead-letters/no-such-queue/replay", Json(new { all = true }), "application/json", KeyA);

        Assert.Equal((404, 404, 404), (unknownId.Status, othersLetter.Status, unknownQueue.Status));
        AssertProblem(unknownId, "not-found");
        AssertProblem(othersLetter, "not-found");
        AssertProblem(unknownQueue, "unknown-queue");
        Assert.Contains(await DeadLettersAsync(KeyB, queue), l => Original(l) == Text(other));
    }

    [Fact]
    public async Task a_webshop_key_can_neither_see_nor_replay_finances_refused_refunds()
    {
        var queue = host.RefundRequestsQueue;
        var refund = await DeadLetterRefundAsync(ApiHost.MsnA);

        var list = await host.SendAsync(HttpMethod.Get, "/api/dead-letters", headers: WebshopKey);
        var replay = await host.SendAsync(HttpMethod.Post, $"/api/dead-letters/{queue}/replay", Json(new { all = true }), "application/json", WebshopKey);

        Assert.Equal((403, 403), (list.Status, replay.Status));
        AssertProblem(replay, "source-not-permitted");
        Assert.DoesNotContain(Text(refund), await host.WorkQueueMessagesAsync(queue));
        Assert.Contains(await DeadLettersAsync(KeyA, queue), l => Original(l) == Text(refund));
    }

    [Fact]
    public async Task a_dead_letters_original_shows_a_customers_phone_number_only_by_its_last_two_digits()
    {
        var queue = host.PaymentRequestsQueue;
        var reference = Events.NewReference("dl-push");
        await host.DeadLetterAsync(queue, Events.PushPaymentRequested(ApiHost.MsnA, reference, 10_000), Reason, Description);

        var letter = Assert.Single(await DeadLettersAsync(KeyA, queue), l => Original(l)?.Contains(reference, StringComparison.Ordinal) == true);

        Assert.Contains("\"customerPhoneNumber\":\"********67\"", Original(letter)!, StringComparison.Ordinal);
        Assert.DoesNotContain("4791234567", Original(letter)!, StringComparison.Ordinal);
        Assert.Equal("payment.requested.v1", Field(letter, "eventType"));
    }

    [Fact]
    public async Task a_replay_needs_the_right_its_event_needs_so_finance_cannot_replay_an_order()
    {
        var queue = host.PaymentRequestsQueue;
        var order = Events.PaymentRequested(ApiHost.MsnA, Events.NewReference("dl-order"), 10_000);
        await host.DeadLetterAsync(queue, order, Reason, Description);
        var id = Field(Assert.Single(await DeadLettersAsync(KeyA, queue), l => Original(l) == Text(order)), "messageId");

        var one = await host.SendAsync(HttpMethod.Post, $"/api/dead-letters/{queue}/replay", Json(new { messageId = id }), "application/json", KeyA);
        var all = await host.SendAsync(HttpMethod.Post, $"/api/dead-letters/{queue}/replay", Json(new { all = true }), "application/json", KeyA);

        Assert.Equal(403, one.Status);
        AssertProblem(one, "source-not-permitted");
        Assert.Equal(200, all.Status);
        Assert.Equal(0, all.Json.GetProperty("replayed").GetInt32());
        Assert.True(all.Json.GetProperty("skipped").GetInt32() >= 1);
        Assert.DoesNotContain(Text(order), await host.WorkQueueMessagesAsync(queue));
        Assert.Contains(await DeadLettersAsync(KeyA, queue), l => Original(l) == Text(order));
    }

    [Fact]
    public async Task a_replay_is_recorded_with_the_key_that_did_it()
    {
        var queue = host.RefundRequestsQueue;
        var refund = await DeadLetterRefundAsync(ApiHost.MsnA);
        var eventId = JsonDocument.Parse(refund).RootElement.GetProperty("id").GetString();
        var id = Field(Assert.Single(await DeadLettersAsync(KeyA, queue), l => Original(l) == Text(refund)), "messageId");

        var answer = await host.SendAsync(HttpMethod.Post, $"/api/dead-letters/{queue}/replay", Json(new { messageId = id }), "application/json", KeyA);
        var listing = await host.SendAsync(HttpMethod.Get, "/api/dead-letters", headers: KeyA);
        var seenByB = await host.SendAsync(HttpMethod.Get, "/api/dead-letters", headers: KeyB);

        Assert.Equal(200, answer.Status);
        var record = Assert.Single(listing.Json.GetProperty("replays").EnumerateArray(), r => r.GetProperty("eventId").GetString() == eventId);
        Assert.Equal(("finance-a", ApiHost.SourceA, queue, ApiHost.MsnA), (Field(record, "replayedBy"), Field(record, "replayedBySource"), Field(record, "queue"), Field(record, "msn")));
        Assert.DoesNotContain(seenByB.Json.GetProperty("replays").EnumerateArray(), r => r.GetProperty("eventId").GetString() == eventId);
    }

    [Fact]
    public async Task a_letter_refused_for_a_permanent_reason_is_replayed_only_with_force_and_replay_all_leaves_it()
    {
        var queue = host.RefundRequestsQueue;
        var refused = await DeadLetterRefundAsync(ApiHost.MsnA, PermanentReason, PermanentDescription);
        var letter = Assert.Single(await DeadLettersAsync(KeyA, queue), l => Original(l) == Text(refused));
        Assert.True(letter.GetProperty("permanent").GetBoolean());
        var id = Field(letter, "messageId");

        var unforced = await host.SendAsync(HttpMethod.Post, $"/api/dead-letters/{queue}/replay", Json(new { messageId = id }), "application/json", KeyA);
        var all = await host.SendAsync(HttpMethod.Post, $"/api/dead-letters/{queue}/replay", Json(new { all = true }), "application/json", KeyA);

        Assert.Equal(409, unforced.Status);
        AssertProblem(unforced, "replay-refused-for-good");
        Assert.Contains($"refused because {PermanentReason}: {PermanentDescription}", Field(unforced.Json, "detail"), StringComparison.Ordinal);
        Assert.Contains("Replaying it unchanged will be refused again", Field(unforced.Json, "detail"), StringComparison.Ordinal);
        Assert.Equal(200, all.Status);
        Assert.True(all.Json.GetProperty("needsForce").GetInt32() >= 1);
        Assert.DoesNotContain(Text(refused), await host.WorkQueueMessagesAsync(queue));
        Assert.Contains(await DeadLettersAsync(KeyA, queue), l => Original(l) == Text(refused));

        var forced = await host.SendAsync(HttpMethod.Post, $"/api/dead-letters/{queue}/replay", Json(new { messageId = id, force = true }), "application/json", KeyA);

        Assert.Equal(200, forced.Status);
        Assert.Equal(1, forced.Json.GetProperty("replayed").GetInt32());
        Assert.Contains(Text(refused), await host.WorkQueueMessagesAsync(queue));
        // A delivery that failed again and again is not permanent: no force needed (the other cases above).
        var redeliverable = await DeadLetterRefundAsync(ApiHost.MsnA);
        Assert.False(Assert.Single(await DeadLettersAsync(KeyA, queue), l => Original(l) == Text(redeliverable)).GetProperty("permanent").GetBoolean());
    }

    [Fact]
    public async Task a_replayed_letter_refused_again_shows_its_first_dead_lettering_and_every_replay()
    {
        var queue = host.RefundRequestsQueue;
        var refund = await DeadLetterRefundAsync(ApiHost.MsnA, PermanentReason, PermanentDescription);
        var first = Assert.Single(await DeadLettersAsync(KeyA, queue), l => Original(l) == Text(refund));
        var firstAt = first.GetProperty("poisonedAt").GetDateTimeOffset();
        var firstCount = first.GetProperty("dequeueCount").GetInt64();
        Assert.Equal(JsonValueKind.Null, first.GetProperty("history").ValueKind);

        // Replayed (forced), and dead-lettered again as the worker would: a new letter with its own time and count.
        for (var replay = 1; replay <= 2; replay++)
        {
            var letter = Assert.Single(await DeadLettersAsync(KeyA, queue), l => Original(l) == Text(refund));
            var answer = await host.SendAsync(HttpMethod.Post, $"/api/dead-letters/{queue}/replay",
                Json(new { messageId = Field(letter, "messageId"), force = true }), "application/json", KeyA);
            Assert.Equal(1, answer.Json.GetProperty("replayed").GetInt32());
            await host.DeadLetterAsync(queue, refund, "MaxDeliveryCountExceeded", "Failed again.");
        }

        var again = Assert.Single(await DeadLettersAsync(KeyA, queue), l => Original(l) == Text(refund));
        var history = again.GetProperty("history");
        Assert.Equal(firstAt, history.GetProperty("firstDeadLetteredAt").GetDateTimeOffset());
        Assert.Equal(PermanentReason, Field(history, "firstReason"));
        // As the replay took it: Service Bus counts the replay's own receive of the dead letter as a delivery.
        Assert.InRange(history.GetProperty("firstDeliveryCount").GetInt64(), firstCount, firstCount + 1);
        Assert.Equal(2, history.GetProperty("replayCount").GetInt32());
        Assert.Equal(2, history.GetProperty("replayedAt").GetArrayLength());
        // The replays list says what each replay sent back.
        var replays = (await host.SendAsync(HttpMethod.Get, "/api/dead-letters", headers: KeyA)).Json.GetProperty("replays").EnumerateArray()
            .Where(r => r.GetProperty("eventId").GetString() == JsonDocument.Parse(refund).RootElement.GetProperty("id").GetString()).ToList();
        Assert.Equal([PermanentReason, "MaxDeliveryCountExceeded"], replays.Select(r => Field(r, "reason")).Reverse());
    }

    private const string PermanentReason = "CurrencyMismatch";
    private const string PermanentDescription = "data: currency DKK does not match sales unit's market Norway (NOK).";

    /// <summary>Dead-letters a refund request of a payment of <paramref name="msn"/> on the refund-requests queue; returns it.</summary>
    private async Task<byte[]> DeadLetterRefundAsync(string msn, string reason = Reason, string description = Description)
    {
        var refundId = "dl-" + Guid.NewGuid().ToString("N")[..12];
        var message = msn == ApiHost.MsnA
            ? Events.RefundRequested(ApiHost.MsnA, host.PaymentA, refundId, 100)
            : Events.RefundRequested(ApiHost.MsnB, host.PaymentB, refundId, 100, "DKK");
        await host.DeadLetterAsync(host.RefundRequestsQueue, message, reason, description);
        return message;
    }

    /// <summary>The dead letters of <paramref name="queue"/> that <paramref name="key"/> is shown.</summary>
    private async Task<IReadOnlyList<JsonElement>> DeadLettersAsync(Dictionary<string, string> key, string queue)
    {
        var answer = await host.SendAsync(HttpMethod.Get, "/api/dead-letters", headers: key);
        Assert.Equal(200, answer.Status);
        var listing = Assert.Single(answer.Json.GetProperty("queues").EnumerateArray(), q => q.GetProperty("queue").GetString() == queue);
        return [.. listing.GetProperty("messages").EnumerateArray()];
    }

    private static string? Field(JsonElement letter, string name) => letter.GetProperty(name).GetString();

    private static string? Original(JsonElement letter) => Field(letter, "original");

    private static string Text(byte[] message) => Encoding.UTF8.GetString(message);

    private static byte[] Json(object body) => JsonSerializer.SerializeToUtf8Bytes(body);
}
