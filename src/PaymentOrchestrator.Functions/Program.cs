// Azure Functions isolated worker entry point. It builds in the test command (README); QueueTriggers.cs only with
// IncludeServiceBusTriggers=true (docs/deployment.md). The services are registered by AddPaymentOrchestratorFunctionsApp,
// which the API conformance suite calls too; SDK members are named with their source where not obvious.
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using PaymentOrchestrator.Functions;

// FunctionsApplication.CreateBuilder already calls ConfigureFunctionsWorkerDefaults
// (azure-functions-dotnet-worker src/DotNetWorker/Builder/FunctionsApplication.cs, FunctionsApplicationBuilder.cs).
var builder = FunctionsApplication.CreateBuilder(args);

// ASP.NET Core integration: HTTP triggers take HttpRequest and return IResult
// (extensions/Worker.Extensions.Http.AspNetCore/src/FunctionsApplicationBuilderAspNetCoreExtensions.cs,
// FunctionsMiddleware/FunctionsHttpProxyingMiddleware.cs handles IResult). Middleware runs in the order it is added:
// HttpErrorMiddleware inside the integration's, where the request's HttpContext is known.
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<HttpErrorMiddleware>();

builder.Services.AddPaymentOrchestratorFunctionsApp(builder.Configuration);
builder.Services.AddPaymentOrchestratorTelemetry(builder.Configuration);

builder.Build().Run();
