using PaymentOrchestrator.VippsSimulator;

// Standalone: dotnet run --project src/PaymentOrchestrator.VippsSimulator -- --urls http://127.0.0.1:5090
var app = SimulatorApplication.Create(args);
app.Run();

/// <summary>Entry point marker for WebApplicationFactory and in-process hosting.</summary>
public partial class Program;
