using System.Net;
using PaymentOrchestrator.VippsSimulator.Tests.Support;

namespace PaymentOrchestrator.VippsSimulator.Tests.Persistence;

/// <summary>
/// A simulator with a state file continues where it was. The second simulator starts on a copy of the file taken
/// right after the last answer, before the first one stops, so what it finds was on disk when the answers left (as
/// after a SIGKILL), not written by a graceful stop.
/// </summary>
public sealed class StateFileTests
{
    [Fact]
    public async Task a_simulator_restarted_on_its_state_file_keeps_payments_agreements_idempotency_webhooks_and_clock()
    {
        var folder = Directory.CreateTempSubdirectory("po-sim-state-").FullName;
        try
        {
            var file = Path.Combine(folder, "state.json");
            var reference = Payments.NewReference();
            var createKey = Payments.NewKey();
            var captureKey = Payments.NewKey();
            string createAnswer, captureAnswer, agreementId, chargeId, webhookId;
            DateTimeOffset clockBefore;
            var copy = Path.Combine(folder, "copy.json");

            await using (var first = await SimulatorHost.StartAsync(new SimulatorOptions { StateFile = file, RateLimitsEnabled = false }))
            {
                using var caller = VippsCaller.Partner(first);
                using (var created = await caller.PostAsync("epayment/v1/payments", Payments.CreateBody(reference, 20_000), createKey))
                {
                    Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                    createAnswer = await created.Content.ReadAsStringAsync();
                }

                await first.Admin.ApprovePaymentAsync(caller.Msn!, reference, "4791234567");
                using (var captured = await caller.PostAsync($"epayment/v1/payments/{reference}/capture", Payments.Modification(5_000), captureKey))
                {
                    Assert.Equal(HttpStatusCode.OK, captured.StatusCode);
                    captureAnswer = await captured.Content.ReadAsStringAsync();
                }

                agreementId = await Agreements.ActiveAsync(first, caller);
                chargeId = await Agreements.CreateChargeAsync(first, caller, agreementId);
                webhookId = (await Support.Webhooks.RegisterAsync(caller, new Uri("http://127.0.0.1:9/hook"), "epayments.payment.captured.v1")).Id;
                clockBefore = await first.Admin.AdvanceClockAsync(TimeSpan.FromHours(2));
                File.Copy(file, copy);
            }

            await using var second = await SimulatorHost.StartAsync(new SimulatorOptions { StateFile = copy, RateLimitsEnabled = false });
            using var again = VippsCaller.Partner(second);

            var payment = await Payments.GetAsync(again, reference);
            Assert.Equal("AUTHORIZED", payment["state"]!.GetValue<string>());
            Assert.Equal(5_000, payment["aggregate"]!["capturedAmount"]!["value"]!.GetValue<long>());

            using (var replay = await again.PostAsync("epayment/v1/payments", Payments.CreateBody(reference, 20_000), createKey))
            {
                Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
                Assert.Equal(createAnswer, await replay.Content.ReadAsStringAsync());
            }

            using (var replay = await again.PostAsync($"epayment/v1/payments/{reference}/capture", Payments.Modification(5_000), captureKey))
            {
                Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
                Assert.Equal(captureAnswer, await replay.Content.ReadAsStringAsync());
            }

            using (var conflict = await again.PostAsync($"epayment/v1/payments/{reference}/capture", Payments.Modification(6_000), captureKey))
            {
                Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
            }

            // The settlement book came back too: the capture made before the restart is still a settled entry.
            var capturePsp = System.Text.Json.Nodes.JsonNode.Parse(captureAnswer)!["pspReference"]!.GetValue<string>();
            await second.Admin.DropSettlementEntryAsync(capturePsp);

            Assert.Equal("ACTIVE", (await Agreements.GetAsync(again, agreementId))["status"]!.GetValue<string>());
            Assert.Equal(chargeId, (await Agreements.GetChargeAsync(again, agreementId, chargeId))["id"]!.GetValue<string>());
            using (var hooks = await again.GetAsync("webhooks/v1/webhooks"))
            {
                var list = (await hooks.ReadAsync())["webhooks"]!.AsArray();
                Assert.Contains(list, w => w!["id"]!.GetValue<string>() == webhookId);
            }

            Assert.True(await second.Admin.GetTimeAsync() >= clockBefore, "the clock offset was kept");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
