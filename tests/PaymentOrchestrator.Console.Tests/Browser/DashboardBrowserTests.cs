using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PaymentOrchestrator.Console.Tests.Support;
using PaymentOrchestrator.Local.Configuration;
using PaymentOrchestrator.Local.Events;
using PaymentOrchestrator.Local.Hosting;
using PaymentOrchestrator.Local.Telemetry;
using PaymentOrchestrator.Orchestration.Queries;
using Azure.Storage.Queues;
using PaymentOrchestrator.Testing;
using static Microsoft.Playwright.Assertions;

namespace PaymentOrchestrator.Console.Tests.Browser;

/// <summary>
/// <c>run --dashboard</c>'s setting on a real host: the Aspire dashboard starts from its NuGet package, receives the
/// host's telemetry over OTLP, and shows a payment's trace — its intake, orchestration and Vipps calls — in a real
/// browser. The trace is photographed for docs/operations.md (to CONSOLE_SCREENSHOTS_DIR, else artifacts/).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class DashboardBrowserTests(ConsoleFixture f)
{
    static DashboardBrowserTests() => SetDefaultExpectTimeout(60_000);

    [Fact]
    public async Task the_dashboard_started_with_the_host_shows_a_payments_trace_from_the_queue_to_vipps()
    {
        var azurite = await SharedAzurite.GetAsync();
        var settings = HostStorageSettings.For(azurite.ConnectionString, Guid.NewGuid().ToString("N")[..10]);
        settings["Local:Http:Port"] = "0";
        settings["Local:Simulator:Port"] = "0";
        settings["Local:Queues:MaxIdleDelay"] = "00:00:00.200";
        settings["Local:Telemetry:Dashboard"] = "true";
        settings["Local:Telemetry:DashboardPort"] = "0";
        settings["Local:Telemetry:DashboardOtlpPort"] = "0";
        await using var host = await LocalHost.StartAsync(new LocalHostOptions { Settings = settings, UseAmbientConfiguration = false, ConsoleLogLevel = null });
        var dashboard = host.Dashboard ?? throw new InvalidOperationException("The host started no dashboard.");
        var webshop = new EventFactory(host.Services.GetRequiredService<TimeProvider>(), LocalDefaults.WebshopSource);
        var reference = $"order-{DateTime.UtcNow.Ticks % 1_000_000:D6}";

        var queue = host.Services.GetRequiredService<QueueServiceClient>().GetQueueClient(host.Settings.Queues.PaymentRequests);
        await queue.SendMessageAsync(BinaryData.FromBytes(webshop.PaymentRequested(ConsoleFixture.Msn, reference, 49_900, "NOK")));
        var queries = host.Services.GetRequiredService<SagaQueries>();
        var key = ConsoleFixture.PaymentKey(reference);
        for (var deadline = DateTime.UtcNow.AddSeconds(60); (await queries.GetAsync(key))?.Summary.Status != "AwaitingCustomer"; await Task.Delay(200))
        {
            Assert.True(DateTime.UtcNow < deadline, "the payment did not reach AwaitingCustomer");
        }

        var context = await f.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(dashboard.Url, "traces").ToString());

        // The trace list names each trace by its service and root span; the payment's starts at the intake.
        var trace = page.GetByText($"{LocalTelemetry.ServiceName}: process").First;
        await Expect(trace).ToBeVisibleAsync();
        await trace.ClickAsync();
        await Expect(page.GetByText("vipps epayment.create").First).ToBeVisibleAsync();
        await Expect(page.GetByText("create_orchestration", new PageGetByTextOptions { Exact = false }).First).ToBeVisibleAsync();

        var dir = Environment.GetEnvironmentVariable("CONSOLE_SCREENSHOTS_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "dashboard-screenshots");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, "dashboard-trace.png") });
        await context.CloseAsync();
    }
}
