using PaymentOrchestrator.Azurite;

// The local host. For now `run` starts Azurite on its default ports (data in .azurite/) and waits for Ctrl+C;
// the queue workers, HTTP API, simulator and demo arrive with the local-host issue.
var command = args.Length > 0 ? args[0] : "run";
if (command is not "run")
{
    Console.Error.WriteLine($"Unknown command '{command}'. Usage: PaymentOrchestrator.Local run");
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

var dataDirectory = Path.Combine(Directory.GetCurrentDirectory(), ".azurite");
Console.WriteLine("Starting Azurite (first run installs it with npm ci) ...");
await using var azurite = await AzuriteServer.StartAsync(AzuriteOptions.ForLocalHost(dataDirectory), stop.Token);
Console.WriteLine($"Azurite is listening: blob {azurite.BlobPort}, queue {azurite.QueuePort}, table {azurite.TablePort} (data in {dataDirectory}).");
Console.WriteLine("Press Ctrl+C to stop.");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    Console.WriteLine("Stopping ...");
}

return 0;
