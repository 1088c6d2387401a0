using Microsoft.Extensions.Options;
using PaymentOrchestrator.Storage;

namespace PaymentOrchestrator.Orchestration;

/// <summary>Checks the <c>Storage</c> section at start, with messages that say which setting is wrong and how to fix it.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageConnectionOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageConnectionOptions options) =>
        options.Validate() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
