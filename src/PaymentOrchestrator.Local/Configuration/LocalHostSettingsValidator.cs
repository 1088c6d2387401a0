using Microsoft.Extensions.Options;
using PaymentOrchestrator.Api;

namespace PaymentOrchestrator.Local.Configuration;

/// <summary>Checks the <c>Local</c> section at start; each message names the setting and how to fix it.</summary>
internal sealed class LocalHostSettingsValidator : IValidateOptions<LocalHostSettings>
{
    public ValidateOptionsResult Validate(string? name, LocalHostSettings options)
    {
        var errors = new List<string>();
        if (options.Http.Port is < 0 or > 65535)
        {
            errors.Add($"Local:Http:Port is {options.Http.Port}; use 1-65535, or 0 for a free port.");
        }

        var q = options.Queues;
        foreach (var (setting, value) in new[] { ("PaymentRequestsConcurrency", q.PaymentRequestsConcurrency), ("RefundRequestsConcurrency", q.RefundRequestsConcurrency) })
        {
            if (value is < 1 or > 64)
            {
                errors.Add($"Local:Queues:{setting} is {value}; use 1 to 64.");
            }
        }

        if (q.MaxDequeueCount is < 1 or > 100)
        {
            errors.Add($"Local:Queues:MaxDequeueCount is {q.MaxDequeueCount}; use 1 to 100.");
        }

        if (q.VisibilityTimeout < TimeSpan.FromSeconds(2) || q.VisibilityTimeout > TimeSpan.FromHours(1))
        {
            errors.Add($"Local:Queues:VisibilityTimeout is {q.VisibilityTimeout}; use 00:00:02 to 01:00:00 (it is renewed while work runs).");
        }

        if (q.IdleAfter < TimeSpan.Zero || q.IdleAfter > TimeSpan.FromMinutes(10))
        {
            errors.Add($"Local:Queues:IdleAfter is {q.IdleAfter}; use 00:00:00 to 00:10:00 (how long after its last message a queue is still polled at the shortest pause).");
        }

        if (q.MinIdleDelay < TimeSpan.FromMilliseconds(5) || q.MinIdleDelay > q.MaxIdleDelay)
        {
            errors.Add($"Local:Queues:MinIdleDelay is {q.MinIdleDelay}; use 00:00:00.005 up to Local:Queues:MaxIdleDelay ({q.MaxIdleDelay}): each pause is one receive, a storage request.");
        }

        var d = options.Durable;
        if (string.IsNullOrEmpty(d.TaskHub) || d.TaskHub.Length is < 3 or > 45 || !char.IsAsciiLetter(d.TaskHub[0]) || !d.TaskHub.All(char.IsAsciiLetterOrDigit))
        {
            errors.Add($"Local:Durable:TaskHub '{d.TaskHub}' is not a task hub name: 3-45 letters and digits, starting with a letter.");
        }

        if (d.PartitionCount is < 1 or > 16)
        {
            errors.Add($"Local:Durable:PartitionCount is {d.PartitionCount}; use 1 to 16.");
        }

        foreach (var (setting, value) in new[] { ("MaxConcurrentOrchestrations", d.MaxConcurrentOrchestrations), ("MaxConcurrentActivities", d.MaxConcurrentActivities) })
        {
            if (value is < 1 or > 1000)
            {
                errors.Add($"Local:Durable:{setting} is {value}; use 1 to 1000.");
            }
        }

        if (d.MaxQueuePollingInterval < TimeSpan.FromMilliseconds(10) || d.MaxQueuePollingInterval > TimeSpan.FromMinutes(1))
        {
            errors.Add($"Local:Durable:MaxQueuePollingInterval is {d.MaxQueuePollingInterval}; use 00:00:00.010 to 00:01:00.");
        }

        if (d.EmptyReceiveHold < TimeSpan.Zero || d.EmptyReceiveHold > TimeSpan.FromSeconds(1))
        {
            errors.Add($"Local:Durable:EmptyReceiveHold is {d.EmptyReceiveHold}; use 00:00:00 (off) to 00:00:01.");
        }

        if (d.LeaseInterval < TimeSpan.FromSeconds(3) || d.LeaseInterval > TimeSpan.FromMinutes(1))
        {
            errors.Add($"Local:Durable:LeaseInterval is {d.LeaseInterval}; use 00:00:03 to 00:01:00.");
        }

        foreach (var queue in new[] { ("PaymentRequests", q.PaymentRequests), ("RefundRequests", q.RefundRequests) })
        {
            if (string.IsNullOrWhiteSpace(queue.Item2) || queue.Item2.Length > 56 || !queue.Item2.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                errors.Add($"Local:Queues:{queue.Item1} '{queue.Item2}' is not a queue name: 3-56 lower-case letters, digits and hyphens (room for '-poison').");
            }
        }

        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var key = options.ApiKeys[i];
            if (string.IsNullOrEmpty(key.Key) || key.Key.Length < ApiKeyAuthenticator.MinimumKeyLength)
            {
                errors.Add($"Local:ApiKeys:{i}:Key must be at least {ApiKeyAuthenticator.MinimumKeyLength} characters (set it from user secrets or the environment, e.g. Local__ApiKeys__{i}__Key).");
            }

            if (string.IsNullOrWhiteSpace(key.Source))
            {
                errors.Add($"Local:ApiKeys:{i}:Source is required: the CloudEvents source the key acts as (e.g. finance/acme), bound by the sales units it may touch.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
