var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => "PaymentOrchestrator Vipps simulator");
app.Run();

/// <summary>Entry point marker for WebApplicationFactory and in-process hosting.</summary>
public partial class Program;
