// Azure Functions isolated worker entry point. Cannot be compiled on the build machines here (see README);
// every type used is checked against the SDK sources: FunctionsApplication lives in
// Microsoft.Azure.Functions.Worker.Builder (azure-functions-dotnet-worker src/DotNetWorker/Builder/FunctionsApplication.cs),
// ConfigureFunctionsWebApplication in Worker.Extensions.Http.AspNetCore.
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Build().Run();
