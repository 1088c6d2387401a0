using System.Text.Json;
using System.Text.Json.Serialization;
using PaymentOrchestrator.VippsSimulator.Accounts;
using PaymentOrchestrator.VippsSimulator.Admin;
using PaymentOrchestrator.VippsSimulator.Clock;
using PaymentOrchestrator.VippsSimulator.Epayment;
using PaymentOrchestrator.VippsSimulator.Faults;
using PaymentOrchestrator.VippsSimulator.Infrastructure;
using PaymentOrchestrator.VippsSimulator.Management;
using PaymentOrchestrator.VippsSimulator.Persistence;
using PaymentOrchestrator.VippsSimulator.Recurring;
using PaymentOrchestrator.VippsSimulator.Report;
using PaymentOrchestrator.VippsSimulator.Userinfo;
using PaymentOrchestrator.VippsSimulator.Webhooks;

namespace PaymentOrchestrator.VippsSimulator;

/// <summary>Builds the simulator web application; used by both <c>dotnet run</c> and <see cref="SimulatorHost"/>.</summary>
public static class SimulatorApplication
{
    /// <summary>
    /// Creates the app. With <paramref name="options"/> null, options bind from the configuration section
    /// <c>Simulator</c> (appsettings, environment <c>Simulator__Mode=Test</c>, or <c>--Simulator:Mode Test</c>).
    /// </summary>
    public static WebApplication Create(string[] args, SimulatorOptions? options = null, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args });
        options ??= builder.Configuration.GetSection(SimulatorOptions.SectionName).Get<SimulatorOptions>() ?? new SimulatorOptions();
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        configure?.Invoke(builder);
        AddSimulator(builder.Services, options);

        var app = builder.Build();
        var persistence = app.Services.GetRequiredService<SimulatorPersistence>();
        if (persistence.Enabled)
        {
            persistence.Load();

            // Before the answer to a changing request leaves, the state that answer describes is on disk.
            app.Use((context, next) =>
            {
                if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
                {
                    context.Response.OnStarting(() =>
                    {
                        persistence.Save();
                        return Task.CompletedTask;
                    });
                }

                return next(context);
            });
        }

        app.UseRouting();
        app.UseMiddleware<SimulatorPipeline>();
        app.MapGet("/", () => Results.Text("PaymentOrchestrator Vipps MobilePay simulator. See src/PaymentOrchestrator.VippsSimulator/README.md."));
        app.MapAccessToken();
        app.MapEpayment();
        app.MapRecurring();
        app.MapWebhooks();
        app.MapReport();
        app.MapUserinfo();
        app.MapManagement();
        app.MapAdmin();
        app.MapReportAdmin();
        app.MapLandingPage();
        return app;
    }

    private static void AddSimulator(IServiceCollection services, SimulatorOptions options)
    {
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });

        var accounts = new AccountStore();
        if (options.UseDefaultSeed)
        {
            accounts.Load(SimulatorDefaults.CreateSeed());
        }

        if (options.SeedFile is { } seedFile)
        {
            var seed = JsonSerializer.Deserialize<SimulatorSeed>(File.ReadAllText(seedFile), SimulatorJson.Options)
                ?? throw new InvalidOperationException($"Seed file '{seedFile}' is empty.");
            accounts.Load(seed);
        }

        if (options.Seed is { } extra)
        {
            accounts.Load(extra);
        }

        services.AddSingleton(options);
        services.AddSingleton(accounts);
        services.AddSingleton(new SimulatorClock(options.TimeProvider ?? TimeProvider.System));
        services.AddSingleton(new IdGenerator(options.RandomSeed));
        services.AddSingleton<SimulatorSettings>();
        services.AddSingleton<SimulatorState>();
        services.AddSingleton<Problems>();
        services.AddSingleton<TokenStore>();
        services.AddSingleton<ApiAuthenticator>();
        services.AddSingleton<CounterStore>();
        services.AddSingleton<FaultInjector>();
        services.AddSingleton<RateLimiter>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddSingleton<SettlementBook>();
        services.AddSingleton<ConsentBook>();
        services.AddSingleton<ProductOrderBook>();
        services.AddSingleton<EpaymentService>();
        services.AddSingleton<ITimeDriven>(sp => sp.GetRequiredService<EpaymentService>());
        services.AddSingleton<RecurringService>();
        services.AddSingleton<ITimeDriven>(sp => sp.GetRequiredService<RecurringService>());
        services.AddSingleton<SimulatorPersistence>();
        services.AddSingleton<SimulatorSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<SimulatorSweeper>());
    }
}
