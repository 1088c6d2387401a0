using PaymentOrchestrator.Local.Cli;

return await CliApplication.RunAsync(args);
