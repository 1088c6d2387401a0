using PaymentOrchestrator.Testing.Sagas;
using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Local.Hosting;
using PaymentOrchestrator.Local.Queues;
using PaymentOrchestrator.Orchestration.Tests.Support;
using Azure.Storage.Queues.Models;
using PaymentOrchestrator.Storage;
using PaymentOrchestrator.Testing;
using Xunit.Abstractions;

namespace PaymentOrchestrator.Orchestration.Tests.BadInput;

/// <summary>
/// The corpus through the local host itself, over the corpus's known world: events on its <c>payment-requests</c> and
/// <c>refund-requests</c> queues, webhooks as HTTP POSTs to its webhook endpoint. Each refused event lands on the
/// poison queue with its precise code as the reason, each replay is completed as a duplicate, each bad webhook gets
/// 401 or 200-ignored with its reason, and the host stays up and then takes a good payment.
/// </summary>
public sealed class BadInputThroughHostTests(BadInputFixture fixture, ITestOutputHelper output) : IClassFixture<BadInputFixture>
{
    private const string FinanceKey = "finance-key-bad-input-0123456789";

    [Fact]
    public async Task through_the_host_each_bad_input_gets_its_reason_on_the_poison_queue_or_the_http_answer_and_the_host_stays_up()
    {
        var h = fixture.Harness;
        var azurite = await SharedAzurite.GetAsync();
        var options = h.Get<IOptions<PaymentOrchestratorOptions>>().Value;
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Orchestrator:PaymentsTable"] = options.PaymentsTable,
            ["Orchestrator:SalesUnitsTable"] = options.SalesUnitsTable,
            ["Orchestrator:PaymentEventsQueue"] = options.PaymentEventsQueue,
            ["Local:Queues:PaymentRequests"] = "requests-" + suffix,
            ["Local:Queues:RefundRequests"] = "refunds-" + suffix,
            ["Local:Queues:MaxIdleDelay"] = "00:00:00.200",
            ["Local:Http:Port"] = "0",
            ["Local:Simulator:Enabled"] = "false",
            ["Local:Webhooks:Register"] = "false",
            ["Local:ApiKeys:0:Name"] = "finance",
            ["Local:ApiKeys:0:Key"] = FinanceKey,
            ["Local:ApiKeys:0:Source"] = "finance/backoffice",
            ["Webhooks:Registrations:0:Url"] = BadInputFixture.WebhookUrl.ToString(),
            ["Webhooks:Registrations:0:Secret"] = BadInputFixture.WebhookSecret,
        };
        foreach (var (key, value) in SimulatorVippsSettings.For(h.Simulator.BaseAddress))
        {
            settings[key] = value;
        }

        await using var host = await LocalHost.StartAsync(new LocalHostOptions { Settings = settings, UseAmbientConfiguration = false, ConsoleLogLevel = null });
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var queues = new StorageClients(azurite.ConnectionString).Queues;
        var requests = queues.GetQueueClient("requests-" + suffix);
        var refunds = queues.GetQueueClient("refunds-" + suffix);
        var countersBefore = await h.Simulator.Admin.GetCountersAsync();

        var expectedDeadLetters = new List<(string Name, byte[] Body, string Code)>();
        var expectedCompleted = 0;
        var tooLargeForAQueue = 0;
        foreach (var input in BadInputCorpus.All)
        {
            var request = input.Build(fixture);
            if (input.Channel == Channel.Webhook)
            {
                using var post = new HttpRequestMessage(HttpMethod.Post, "api/vipps/webhooks") { Content = new ByteArrayContent(request.Body) };
                post.Headers.TryAddWithoutValidation("x-ms-date", request.Date);
                post.Headers.TryAddWithoutValidation("x-ms-content-sha256", request.Hash);
                post.Headers.TryAddWithoutValidation("Authorization", request.Authorization);
                using var answer = await http.SendAsync(post);
                var text = await answer.Content.ReadAsStringAsync();
                var colon = input.Expected.IndexOf(':', StringComparison.Ordinal);
                var (kind, fragment) = (input.Expected[..colon], input.Expected[(colon + 1)..]);
                var status = kind switch
                {
                    "unauthorized" => HttpStatusCode.Unauthorized,
                    "malformed" => HttpStatusCode.BadRequest,
                    _ => HttpStatusCode.OK,
                };
                Assert.True(answer.StatusCode == status, $"{input.Name}: {(int)answer.StatusCode} {text}");
                Assert.True(text.Contains(fragment, StringComparison.Ordinal), $"{input.Name}: '{fragment}' not in {text}");
                continue;
            }

            var queue = input.Channel == Channel.RefundRequests ? refunds : requests;
            try
            {
                await queue.SendMessageAsync(BinaryData.FromBytes(request.Body));
            }
            catch (Azure.RequestFailedException e) when (e.Status == 413 && request.Body.Length > 48 * 1024)
            {
                // A Storage queue message holds at most 64 KiB of base64 (48 KiB of bytes); the service refuses a larger
                // one (413 RequestBodyTooLarge), so such an input never enters (the parser's TooLarge
                // answer to it is covered by the in-process corpus).
                tooLargeForAQueue++;
                continue;
            }

            if (input.Expected.StartsWith("rejected:", StringComparison.Ordinal))
            {
                expectedDeadLetters.Add((input.Name, request.Body, input.Expected["rejected:".Length..]));
            }
            else
            {
                expectedCompleted++;
            }
        }

        // Every event is settled: nothing left on the input queues, every refusal on its poison queue.
        var poisoned = new List<PoisonMessage>();
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline && poisoned.Count < expectedDeadLetters.Count;)
        {
            await Task.Delay(250);
            foreach (var queue in new[] { requests, refunds })
            {
                var poison = queues.GetQueueClient(QueueWorker.PoisonQueueName(queue.Name));
                await poison.CreateIfNotExistsAsync();
                foreach (var message in (await poison.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value)
                {
                    poisoned.Add(PoisonMessage.TryParse(message.Body) ?? throw new Xunit.Sdk.XunitException("unreadable poison message"));
                }
            }
        }

        output.WriteLine($"{expectedDeadLetters.Count} events dead-lettered with their codes, {expectedCompleted} replays completed, {tooLargeForAQueue} too large for a queue, {BadInputCorpus.All.Count(c => c.Channel == Channel.Webhook)} webhooks answered");
        Assert.Equal(0, (await requests.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Equal(0, (await refunds.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Equal(expectedDeadLetters.Count, poisoned.Count);
        foreach (var (name, body, code) in expectedDeadLetters)
        {
            var match = poisoned.FirstOrDefault(p => Original(p).SequenceEqual(body));
            Assert.True(match is not null, $"{name}: not on a poison queue");
            Assert.True(match.Reason == code, $"{name}: dead-lettered as {match.Reason}, expected {code}");
            poisoned.Remove(match);
        }

        Assert.True(expectedDeadLetters.Count >= 40, $"{expectedDeadLetters.Count} events dead-lettered");
        Assert.True(expectedCompleted >= 2, "the replays were sent");
        Assert.Equal(2, tooLargeForAQueue);

        // No Vipps money movement came of any of it, and the host is still up and takes a good payment.
        var countersAfter = await h.Simulator.Admin.GetCountersAsync();
        Assert.Equal(countersBefore.Captures.Values.Sum(), countersAfter.Captures.Values.Sum());
        Assert.Equal(countersBefore.Refunds.Values.Sum(), countersAfter.Refunds.Values.Sum());
        Assert.Equal(countersBefore.CallsTo("epayment.create"), countersAfter.CallsTo("epayment.create"));
        using (var health = await http.GetAsync("api/health"))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        var good = Events.NewReference("good");
        await requests.SendMessageAsync(BinaryData.FromBytes(Events.PaymentRequested(BadInputFixture.Msn, good, 10_000)));
        for (var deadline = DateTime.UtcNow.AddSeconds(30); ; await Task.Delay(200))
        {
            if ((await h.Sagas.LoadAsync(SagaHarness.PaymentKey(good)))?.State is EpaymentState { Status: EpaymentStatus.AwaitingCustomer })
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "the good payment after the corpus was not created");
        }
    }

    private static byte[] Original(PoisonMessage poison) =>
        poison.OriginalEncoding == "base64" ? Convert.FromBase64String(poison.OriginalMessage) : Encoding.UTF8.GetBytes(poison.OriginalMessage);
}
