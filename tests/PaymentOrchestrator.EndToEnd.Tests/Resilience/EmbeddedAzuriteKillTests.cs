using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using PaymentOrchestrator.EndToEnd.Tests.Support;
using PaymentOrchestrator.Local.Cli;
using PaymentOrchestrator.Testing;
using PaymentOrchestrator.VippsSimulator;
using Spectre.Console;

namespace PaymentOrchestrator.EndToEnd.Tests.Resilience;

/// <summary>
/// <c>run</c> exactly as a person starts it — its own Azurite with data under the working folder, the in-process
/// simulator — killed with SIGKILL a second after the CLI was told "Sent", and started again on the same folder
/// (issue 14: the data Azurite had acknowledged was gone, 3 of 3 times; and the restarted simulator had forgotten
/// the payment, so the saga ended in NeedsAttention).
/// </summary>
public sealed class EmbeddedAzuriteKillTests
{
    private const string Msn = TestHost.Msn;
    private const string ReadKey = "finance-read-key-0123456789";

    public enum Death
    {
        /// <summary><c>kill -9 &lt;host pid&gt;</c>: Azurite sees only its stdin close.</summary>
        HostOnly,

        /// <summary>The host and its Azurite (all three service processes) SIGKILLed, as a killed process tree or a
        /// crashed container.</summary>
        HostAndAzurite,
    }

    [Theory]
    [InlineData(Death.HostOnly)]
    [InlineData(Death.HostAndAzurite)]
    public async Task a_payment_the_cli_sent_survives_a_sigkill_of_run_a_second_later_and_continues_after_the_restart(Death death)
    {
        var folder = Directory.CreateTempSubdirectory("po-run-").FullName;
        try
        {
            var (settings, port) = RunSettings();
            var reference = TestHost.NewReference("kill");

            var first = await LocalHostProcess.StartAsync(settings, port, TimeSpan.FromSeconds(90), workingDirectory: folder);
            var (exit, output) = await CliAsync(settings, "send", "payment.requested", "--msn", Msn, "--amount", "49900", "--reference", reference);
            Assert.True(exit == 0, output);
            Assert.Contains("Sent payment.requested.v1", output, StringComparison.Ordinal);
            await Task.Delay(TimeSpan.FromSeconds(1));
            if (death == Death.HostOnly)
            {
                await first.KillHostOnlyAsync();
            }
            else
            {
                await first.KillAsync();
            }

            await first.DisposeAsync();
            // Azurite runs one process per service: every one of them must be gone (saved and exited, or killed).
            foreach (var service in new[] { "Blob", "Queue", "Table" })
            {
                await WaitUntilClosedAsync(int.Parse(settings[$"Local:Azurite:{service}Port"]!, CultureInfo.InvariantCulture));
            }

            await using var second = await LocalHostProcess.StartAsync(settings, port, TimeSpan.FromSeconds(90), workingDirectory: folder);
            using var http = new HttpClient { BaseAddress = second.BaseAddress };
            http.DefaultRequestHeaders.Add("x-api-key", ReadKey);
            await SagaStatusAsync(http, reference, "AwaitingCustomer", second);

            // The simulator kept the payment: the customer approves it after the restart and the saga goes on.
            using var vipps = new SimulatorAdminClient(new Uri($"http://127.0.0.1:{settings["Local:Simulator:Port"]}/"));
            await vipps.ApprovePaymentAsync(Msn, reference);
            await SagaStatusAsync(http, reference, "Authorized", second);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Waits until the API shows the saga of <paramref name="reference"/> with <paramref name="status"/>.</summary>
    internal static async Task SagaStatusAsync(HttpClient http, string reference, string status, LocalHostProcess host)
    {
        string? last = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(90); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            using var response = await http.GetAsync(new Uri($"api/sales-units/{Msn}/payments/{reference}", UriKind.Relative));
            if (response.StatusCode != HttpStatusCode.OK)
            {
                last = response.StatusCode.ToString();
                continue;
            }

            var view = await response.Content.ReadFromJsonAsync<JsonElement>();
            last = view.GetProperty("summary").GetProperty("status").GetString();
            if (last == status)
            {
                return;
            }
        }

        throw new Xunit.Sdk.XunitException($"The saga of {reference} stayed {last}, not {status}. Host output:\n{host.RecentOutput}");
    }

    /// <summary>Nothing about storage or Vipps configured (the default <c>run</c>), only free ports and a read key.</summary>
    internal static (Dictionary<string, string?> Settings, int HttpPort) RunSettings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Local:Azurite:BlobPort"] = Port(),
            ["Local:Azurite:QueuePort"] = Port(),
            ["Local:Azurite:TablePort"] = Port(),
            ["Local:Simulator:Port"] = Port(),
            ["Local:Queues:MaxIdleDelay"] = "00:00:00.200",
            // A message the killed host had taken comes back soon (its lock is not renewed any more).
            ["Local:Queues:VisibilityTimeout"] = "00:00:05",
            // A command the killed host had in flight is re-issued soon after the restart.
            ["Sagas:Epayment:Retry:CommandTimeout"] = "00:00:03",
            ["Sagas:Epayment:Polling:FirstDelay"] = "00:00:01",
            ["Sagas:Epayment:Polling:Interval"] = "00:00:01",
            ["Local:ApiKeys:0:Name"] = "finance",
            ["Local:ApiKeys:0:Key"] = ReadKey,
            ["Local:ApiKeys:0:Source"] = "finance/demo",
        };
        return (settings, LocalHostProcess.FreePort());

        static string Port() => LocalHostProcess.FreePort().ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The CLI in this process, pointed at the host's Azurite as a person's CLI is (same settings).</summary>
    internal static async Task<(int Exit, string Output)> CliAsync(IReadOnlyDictionary<string, string?> settings, params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No });
        var all = args.ToList();
        foreach (var (key, value) in settings.Where(s => s.Key.StartsWith("Local:Azurite:", StringComparison.Ordinal)))
        {
            all.Add("--set");
            all.Add($"{key}={value}");
        }

        var exit = await CliApplication.RunAsync([.. all], console);
        return (exit, output.ToString());
    }

    private static async Task WaitUntilClosedAsync(int port)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port);
            }
            catch (SocketException)
            {
                return;
            }
        }

        throw new TimeoutException($"Azurite still listens on {port} 30 s after its host died.");
    }
}
