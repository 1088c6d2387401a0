using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Local.Configuration;
using PaymentOrchestrator.Local.Events;
using PaymentOrchestrator.Local.Hosting;
using PaymentOrchestrator.Orchestration.Queries;
using PaymentOrchestrator.Orchestration.Stores;
using Azure.Storage.Queues;
using PaymentOrchestrator.Testing;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Console.Tests.Support;

/// <summary>
/// One local host (the process-wide Azurite with its own tables and queues, the in-process simulator) and one headless
/// Debian chromium driven by Playwright, shared by the browser tests; each test makes its own payments and page.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public const string Msn = "123456";
    public const string FinanceKey = "console-finance-key-0123456789";
    public const string UnboundKey = "console-unbound-key-0123456789";
    public const string UnboundSource = "finance/nobody";

    /// <summary>A key of the webshop's source: bound to the sales unit, but without the reads right.</summary>
    public const string WebshopKey = "console-webshop-key-0123456789";

    /// <summary>A key that manages sales units (the registry view) and binds none.</summary>
    public const string ManagerKey = "console-manager-key-0123456789";

    /// <summary>Debian's chromium; CHROMIUM_PATH overrides.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public LocalHost Host { get; private set; } = null!;

    public EventFactory Webshop { get; private set; } = null!;

    public SimulatorAdminClient Admin => Host.Simulator?.Admin ?? throw new InvalidOperationException("No in-process simulator.");

    public SagaQueries Queries => Host.Services.GetRequiredService<SagaQueries>();

    public SalesUnitStore SalesUnits => Host.Services.GetRequiredService<SalesUnitStore>();

    public QueueClient PaymentRequests => Host.Services.GetRequiredService<QueueServiceClient>().GetQueueClient(Host.Settings.Queues.PaymentRequests);

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser did not start.");

    public async Task InitializeAsync()
    {
        // No silent skip: without the browser these tests fail and say how to fix it.
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {ChromiumPath}. The console's browser tests drive Debian's chromium: install it with "
                + "'apt-get update && apt-get install -y chromium' (.ci/run does), or set CHROMIUM_PATH.");
        }

        var azurite = await SharedAzurite.GetAsync();
        var settings = HostStorageSettings.For(azurite.ConnectionString, Guid.NewGuid().ToString("N")[..10]);
        foreach (var (key, value) in new Dictionary<string, string?>
        {
            ["Local:Queues:MaxIdleDelay"] = "00:00:00.200",
            ["Local:Queues:MaxDequeueCount"] = "3",
            ["Local:Queues:RetryDelay"] = "00:00:00.500",
            ["Local:Http:Port"] = "0",
            ["Local:Simulator:Port"] = "0",
            ["Local:Simulator:RateLimitsEnabled"] = "false",
            ["Local:ShutdownTimeout"] = "00:00:10",
            ["Local:ApiKeys:0:Name"] = "finance",
            ["Local:ApiKeys:0:Key"] = FinanceKey,
            ["Local:ApiKeys:0:Source"] = LocalDefaults.FinanceSource,
            ["Local:ApiKeys:1:Name"] = "unbound",
            ["Local:ApiKeys:1:Key"] = UnboundKey,
            ["Local:ApiKeys:1:Source"] = UnboundSource,
            ["Local:ApiKeys:2:Name"] = "webshop",
            ["Local:ApiKeys:2:Key"] = WebshopKey,
            ["Local:ApiKeys:2:Source"] = LocalDefaults.WebshopSource,
            ["Local:ApiKeys:3:Name"] = "partner-admin",
            ["Local:ApiKeys:3:Key"] = ManagerKey,
            ["Local:ApiKeys:3:Source"] = "console/partner",
            ["Local:ApiKeys:3:ManagesSalesUnits"] = "true",
            ["Sagas:Epayment:Polling:FirstDelay"] = "00:00:01",
            ["Sagas:Epayment:Polling:Interval"] = "00:00:01",
            ["Sagas:Epayment:Polling:MaxInterval"] = "00:00:02",
        })
        {
            settings[key] = value;
        }

        Host = await LocalHost.StartAsync(new LocalHostOptions { Settings = settings, UseAmbientConfiguration = false, ConsoleLogLevel = null });
        Webshop = new EventFactory(Host.Services.GetRequiredService<TimeProvider>(), LocalDefaults.WebshopSource);

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>
    /// A fresh browser context and page on the host (British English in Oslo unless told: nb-NO tries Norwegian
    /// formats); every console error, page error and dialog is recorded.
    /// </summary>
    public async Task<ConsolePage> NewPageAsync(int width = 1280, int height = 900, string locale = "en-GB", string timeZone = "Europe/Oslo")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
            TimezoneId = timeZone,
        });
        var page = await context.NewPageAsync();
        var problems = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Enqueue($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Enqueue("page error: " + error);
        page.Dialog += async (_, dialog) =>
        {
            problems.Enqueue($"dialog {dialog.Type}: {dialog.Message}");
            await dialog.DismissAsync();
        };
        return new ConsolePage(context, page, problems);
    }

    /// <summary>A payment made by the webshop over the queue: waiting for the customer, authorized, or captured in full.</summary>
    public async Task<string> PaymentAsync(string prefix, long amount, string until, string? reference = null)
    {
        reference ??= $"{prefix}-{Guid.NewGuid():N}"[..24];
        var key = SagaKey.Payment(Domain.Values.Msn.Create(Msn).Value, PaymentReference.Create(reference).Value);
        await PaymentRequests.SendMessageAsync(BinaryData.FromBytes(Webshop.PaymentRequested(Msn, reference, amount, "NOK")));
        await EventuallyAsync(key, v => v.Summary.Status == "AwaitingCustomer", "AwaitingCustomer");
        if (until == "AwaitingCustomer")
        {
            return reference;
        }

        await Admin.ApprovePaymentAsync(Msn, reference);
        await EventuallyAsync(key, v => v.Summary.Status == "Authorized", "Authorized");
        if (until == "Authorized")
        {
            return reference;
        }

        await PaymentRequests.SendMessageAsync(BinaryData.FromBytes(Webshop.PaymentCaptureRequested(Msn, reference, "ship-1", amount, "NOK")));
        await EventuallyAsync(key, v => v.Summary.CapturedMinorUnits == amount, "captured");
        return reference;
    }

    public static SagaKey PaymentKey(string reference) =>
        SagaKey.Payment(Domain.Values.Msn.Create(Msn).Value, PaymentReference.Create(reference).Value);

    public async Task<SagaView> EventuallyAsync(SagaKey key, Func<SagaView, bool> condition, string what, int seconds = 60)
    {
        SagaView? last = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(seconds); DateTime.UtcNow < deadline;)
        {
            last = await Queries.GetAsync(key);
            if (last is not null && condition(last))
            {
                return last;
            }

            await Task.Delay(200);
        }

        throw new Xunit.Sdk.XunitException($"Saga {key} did not reach '{what}' within {seconds} s; it is {last?.Summary.Status ?? "missing"}.");
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }
}

/// <summary>A page with what went wrong on it (console errors, page errors, dialogs such as an injected alert).</summary>
public sealed class ConsolePage(IBrowserContext context, IPage page, ConcurrentQueue<string> problems) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    public IReadOnlyCollection<string> Problems => problems;

    /// <summary>Signs in with the keyboard (type, Enter); for a good key, waits until the console shows who it acts as.</summary>
    public async Task SignInAsync(string key, bool refused = false)
    {
        await Page.GotoAsync("/");
        await Page.GetByLabel("API key").FillAsync(key);
        await Page.GetByLabel("API key").PressAsync("Enter");
        if (!refused)
        {
            await Assertions.Expect(Page.Locator("#who-source")).ToBeVisibleAsync();
            await Assertions.Expect(Page.Locator("main h1")).ToContainTextAsync("Payments");
        }
    }

    /// <summary>
    /// Reloads the view until <paramref name="target"/> is on it (a worker dead-letters on its own time). Each look waits
    /// for the page to finish loading before it reloads: on a busy CI machine a load can take longer than the pause
    /// between looks, and a reload every second would then abort every load.
    /// </summary>
    public async Task ReloadUntilShownAsync(ILocator target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var loading = Page.Locator("main").GetByText("Loading…");
        for (var i = 0; i < 30; i++)
        {
            await Assertions.Expect(loading).ToHaveCountAsync(0, new() { Timeout = 20_000 });
            if (await target.CountAsync() > 0)
            {
                break;
            }

            await Task.Delay(1000);
            await Page.ReloadAsync();
        }

        await Assertions.Expect(target).ToBeVisibleAsync();
    }

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
