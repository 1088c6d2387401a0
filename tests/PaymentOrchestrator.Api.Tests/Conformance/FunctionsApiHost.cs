using Azure.Messaging.ServiceBus;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using PaymentOrchestrator.Durable;
using PaymentOrchestrator.Functions;
using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Testing;
using PaymentOrchestrator.Testing.ServiceBus;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Api.Tests.Conformance;

/// <summary>
/// The Functions app without the Functions runtime: services registered by its Program.cs's own
/// <see cref="FunctionsAppServiceCollectionExtensions.AddPaymentOrchestratorFunctionsApp"/> with Service Bus in memory
/// (<see cref="InMemoryServiceBus"/>, no triggers: nothing consumes its queues), the real
/// <see cref="HttpApi"/> functions called with a <see cref="DefaultHttpContext"/> (route values as arguments, found with
/// the functions' own route templates), sagas handed to the real orchestration on the in-process Durable test host
/// through the [DurableClient]'s stand-in, and each returned <see cref="IResult"/> executed against the context.
/// </summary>
public sealed class FunctionsApiHost : ApiHost
{
    private readonly InMemoryServiceBus _serviceBus = new();
    private ServiceProvider? _services;
    private SimulatorHost? _simulator;
    private DurableTaskTestHost? _durable;
    private HttpApi? _functions;
    private List<(string Method, TemplateMatcher Matcher, RouteTemplate Template, Func<HttpRequest, RouteValueDictionary, Task<IResult>> Call)> _routes = [];

    public override IServiceProvider Services => _services!;

    public override string PaymentRequestsQueue => OrchestratorNames.PaymentRequestsQueue;

    public override string RefundRequestsQueue => OrchestratorNames.RefundRequestsQueue;

    protected override ISagaSignaller Signaller => new DurableClientSagaSignaller(_durable!.Client);

    public override async Task InitializeAsync()
    {
        var azurite = await SharedAzurite.GetAsync();
        _simulator = await SimulatorHost.StartAsync(new SimulatorOptions { RateLimitsEnabled = false });
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(SimulatorVippsSettings.For(_simulator.BaseAddress))
            .AddInMemoryCollection(HostStorageSettings.For(azurite.ConnectionString, suffix))
            .AddInMemoryCollection(SharedSettings("Api:Keys"))
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"{HostingNames.ServiceBusConnection}:fullyQualifiedNamespace"] = "conformance.servicebus.invalid" })
            .Build();

        // Program.cs's own registration; the Service Bus client is the in-memory one, so outcomes and dead letters go
        // through the app's ServiceBusOutcomePublisher and ServiceBusDeadLetters.
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddPaymentOrchestratorFunctionsApp(configuration);
        services.Replace(ServiceDescriptor.Singleton<ServiceBusClient>(_serviceBus));
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await _services.GetRequiredService<OrchestratorStorage>().EnsureCreatedAsync();

        var activities = new SagaActivityFunctions(_services.GetRequiredService<SagaActivities>());
        // The maintenance orchestration too: the webhook and refund functions start it (once per process), as in Azure.
        var maintenance = new MaintenanceActivityFunctions(_services.GetRequiredService<MaintenanceActivities>());
        DurableTaskTestHost? durable = null;
        _durable = durable = await PaymentOrchestrator.Testing.Sagas.DurableTestHosts.StartAsync(registry => registry
            .AddSagaOrchestration(input => activities.AdvanceAsync(input, durable!.Client, CancellationToken.None))
            .AddSagaMaintenance(input => maintenance.MaintainAsync(input, durable!.Client, CancellationToken.None)));

        _functions = new HttpApi(_services.GetRequiredService<PaymentOrchestratorApi>());
        var f = _functions;
        var client = _durable.Client;
        _routes =
        [
            Route("POST", OrchestratorNames.Routes.Webhooks, (r, _, ct) => f.WebhooksAsync(r, client, ct)),
            Route("POST", OrchestratorNames.Routes.Refunds, (r, _, ct) => f.RefundsAsync(r, client, ct)),
            Route("GET", OrchestratorNames.Routes.SalesUnitPayments, (r, v, ct) => f.ListPaymentsAsync(r, S(v, "msn"), ct)),
            Route("GET", OrchestratorNames.Routes.SalesUnitPayment, (r, v, ct) => f.GetPaymentAsync(r, S(v, "msn"), S(v, "reference"), ct)),
            Route("GET", OrchestratorNames.Routes.Health, (r, _, ct) => f.HealthAsync(r, ct)),
            Route("GET", OrchestratorNames.Routes.Reconciliation, (r, v, ct) => f.ReconciliationAsync(r, S(v, "msn"), ct)),
            Route("GET", OrchestratorNames.Routes.Me, (r, _, ct) => f.MeAsync(r, ct)),
            Route("GET", OrchestratorNames.Routes.PaymentList, (r, v, ct) => f.PaymentListAsync(r, S(v, "msn"), ct)),
            Route("GET", OrchestratorNames.Routes.PaymentsTotals, (r, v, ct) => f.PaymentsTotalsAsync(r, S(v, "msn"), ct)),
            Route("GET", OrchestratorNames.Routes.PaymentsExport, (r, v, ct) => f.PaymentsExportAsync(r, S(v, "msn"), ct)),
            Route("POST", OrchestratorNames.Routes.ReconcileNow, (r, v, ct) => f.ReconcileNowAsync(r, S(v, "msn"), ct)),
            Route("GET", OrchestratorNames.Routes.NextStep, (r, v, ct) => f.NextStepAsync(r, S(v, "msn"), S(v, "reference"), ct)),
            Route("GET", OrchestratorNames.Routes.NeedsAttention, (r, _, ct) => f.NeedsAttentionAsync(r, ct)),
            Route("GET", OrchestratorNames.Routes.DeadLetters, (r, _, ct) => f.DeadLettersAsync(r, ct)),
            Route("POST", OrchestratorNames.Routes.DeadLettersReplay, (r, v, ct) => f.ReplayDeadLettersAsync(r, S(v, "queue"), ct)),
            Route("POST", OrchestratorNames.Routes.Onboarding, (r, _, ct) => f.OnboardingAsync(r, ct)),
            Route("GET", OrchestratorNames.Routes.Onboarding, (r, _, ct) => f.OnboardingAsync(r, ct)),
            Route("GET", OrchestratorNames.Routes.SalesUnits, (r, _, ct) => f.SalesUnitsAsync(r, ct)),
            Route("POST", OrchestratorNames.Routes.SalesUnits, (r, _, ct) => f.SalesUnitsAsync(r, ct)),
            Route("POST", OrchestratorNames.Routes.SalesUnitsSync, (r, _, ct) => f.SalesUnitsSyncAsync(r, ct)),
            Route("GET", OrchestratorNames.Routes.ConsoleRoot, (r, _, _) => Task.FromResult(HttpApi.ConsolePage(r))),
            Route("GET", OrchestratorNames.Routes.ConsoleFiles, (r, v, _) => Task.FromResult(HttpApi.ConsoleFiles(r, v["path"] as string))),
        ];

        await SeedAsync(_simulator);
    }

    /// <summary>
    /// Finds the one function whose method and route template match (two would mean one route shadows another),
    /// calls it, and executes its result against the context as the ASP.NET Core integration does.
    /// </summary>
    public override async Task<ApiAnswer> SendAsync(
        HttpMethod method, string pathAndQuery, byte[]? body = null, string? contentType = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var context = new DefaultHttpContext { RequestServices = _services! };
        var split = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        context.Request.Method = method.Method;
        context.Request.Path = split < 0 ? pathAndQuery : pathAndQuery[..split];
        context.Request.QueryString = split < 0 ? QueryString.Empty : new QueryString(pathAndQuery[split..]);
        if (body is not null)
        {
            context.Request.Body = new MemoryStream(body);
            context.Request.ContentLength = body.Length;
        }

        context.Request.ContentType = contentType;
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            context.Request.Headers[name] = value;
        }

        var response = new MemoryStream();
        context.Response.Body = response;

        var matches = new List<(Func<HttpRequest, RouteValueDictionary, Task<IResult>> Call, RouteValueDictionary Values)>();
        foreach (var (routeMethod, matcher, template, call) in _routes)
        {
            var values = new RouteValueDictionary();
            if (routeMethod == method.Method && matcher.TryMatch(context.Request.Path, values) && Satisfies(template, values))
            {
                matches.Add((call, values));
            }
        }

        if (matches.Count == 0)
        {
            return new ApiAnswer(StatusCodes.Status404NotFound, null, new Dictionary<string, string>(), string.Empty);
        }

        var (target, routeValues) = Assert.Single(matches);
        var result = await target(context.Request, routeValues);
        await result.ExecuteAsync(context);

        var all = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in context.Response.Headers)
        {
            all[name] = value.ToString();
        }

        return new ApiAnswer(context.Response.StatusCode, context.Response.ContentType, all, System.Text.Encoding.UTF8.GetString(response.ToArray()));
    }

    public override Task DeadLetterAsync(string workQueue, byte[] originalMessage, string reason, string description)
    {
        _serviceBus.DeadLetter(workQueue, BinaryData.FromBytes(originalMessage), reason, description);
        return Task.CompletedTask;
    }

    public override Task<IReadOnlyList<string>> WorkQueueMessagesAsync(string workQueue) =>
        Task.FromResult<IReadOnlyList<string>>([.. _serviceBus.Messages(workQueue).Take(32).Select(m => m.Body.ToString())]);

    public override async Task DisposeAsync()
    {
        if (_durable is not null)
        {
            await _durable.DisposeAsync();
        }

        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }
    }

    private static (string, TemplateMatcher, RouteTemplate, Func<HttpRequest, RouteValueDictionary, Task<IResult>>) Route(
        string method, string template, Func<HttpRequest, RouteValueDictionary, CancellationToken, Task<IResult>> call)
    {
        var parsed = TemplateParser.Parse(template);
        return (method, new TemplateMatcher(parsed, new RouteValueDictionary()), parsed, (r, v) => call(r, v, CancellationToken.None));
    }

    /// <summary>The one inline constraint the routes use: <c>maxlength(0)</c> (the console's root route).</summary>
    private static bool Satisfies(RouteTemplate template, RouteValueDictionary values) =>
        template.Parameters.All(p => !p.InlineConstraints.Any(c => c.Constraint == "maxlength(0)")
            || string.IsNullOrEmpty(values[p.Name!] as string));

    private static string S(RouteValueDictionary values, string name) => values[name] as string ?? string.Empty;
}
