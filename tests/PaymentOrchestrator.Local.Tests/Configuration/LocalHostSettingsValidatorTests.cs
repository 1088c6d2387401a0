using PaymentOrchestrator.Api;
using PaymentOrchestrator.Local.Configuration;

namespace PaymentOrchestrator.Local.Tests.Configuration;

public sealed class LocalHostSettingsValidatorTests
{
    [Fact]
    public void the_defaults_are_valid()
    {
        Assert.True(new LocalHostSettingsValidator().Validate(null, new LocalHostSettings()).Succeeded);
    }

    [Fact]
    public void each_bad_setting_is_named_with_how_to_fix_it()
    {
        var settings = new LocalHostSettings
        {
            Http = new HttpSettings { Port = 70000 },
            Queues = new QueueSettings { PaymentRequestsConcurrency = 0, MaxDequeueCount = 0, WakeUps = "Wake_Ups", MaxWakeUpDelay = TimeSpan.FromDays(8) },
            ApiKeys = [new ApiKeySettings { Name = "finance", Key = "short" }],
        };

        var failures = new LocalHostSettingsValidator().Validate(null, settings).Failures!.ToList();

        Assert.Contains(failures, f => f.StartsWith("Local:Http:Port", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Local:Queues:PaymentRequestsConcurrency", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Local:Queues:MaxDequeueCount", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Local:Queues:WakeUps", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Local:Queues:MaxWakeUpDelay", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Local:ApiKeys:0:Key", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Local:ApiKeys:0:Source", StringComparison.Ordinal));
    }
}
