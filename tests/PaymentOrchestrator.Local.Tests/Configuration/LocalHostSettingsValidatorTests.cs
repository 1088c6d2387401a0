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
            Queues = new QueueSettings { PaymentRequestsConcurrency = 0, MaxDequeueCount = 0, RefundRequests = "Refund_Requests", IdleAfter = TimeSpan.FromSeconds(-1) },
            Durable = new DurableEngineSettings { TaskHub = "payment-hub", PartitionCount = 0, MaxQueuePollingInterval = TimeSpan.Zero, EmptyReceiveHold = TimeSpan.FromSeconds(2), LeaseInterval = TimeSpan.FromSeconds(1) },
            ApiKeys = [new ApiKeySettings { Name = "finance", Key = "short" }],
        };

        var failures = new LocalHostSettingsValidator().Validate(null, settings).Failures!.ToList();

        Assert.Contains(failures, f => f.StartsWith("Local:Http:Port", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Local:Queues:PaymentRequestsConcurrency", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Local:Queues:MaxDequeueCount", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Local:Queues:RefundRequests", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Local:Queues:IdleAfter", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Local:Durable:TaskHub", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Local:Durable:PartitionCount", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Local:Durable:MaxQueuePollingInterval", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Local:Durable:EmptyReceiveHold", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Local:Durable:LeaseInterval", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Local:ApiKeys:0:Key", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Local:ApiKeys:0:Source", StringComparison.Ordinal));
    }
}
