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
        foreach (var (setting, value) in new[] { ("PaymentRequestsConcurrency", q.PaymentRequestsConcurrency), ("RefundRequestsConcurrency", q.RefundRequestsConcurrency), ("WakeUpsConcurrency", q.WakeUpsConcurrency) })
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

        if (q.MaxWakeUpDelay < TimeSpan.FromSeconds(1) || q.MaxWakeUpDelay >= TimeSpan.FromDays(7))
        {
            errors.Add($"Local:Queues:MaxWakeUpDelay is {q.MaxWakeUpDelay}; Storage queues delay messages by less than 7 days.");
        }

        foreach (var queue in new[] { ("PaymentRequests", q.PaymentRequests), ("RefundRequests", q.RefundRequests), ("WakeUps", q.WakeUps) })
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
