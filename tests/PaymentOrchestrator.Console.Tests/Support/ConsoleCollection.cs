namespace PaymentOrchestrator.Console.Tests.Support;

/// <summary>The browser tests share one host and one chromium (and so run one after the other).</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console";
}
