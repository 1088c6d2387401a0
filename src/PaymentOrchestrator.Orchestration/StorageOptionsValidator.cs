using Microsoft.Extensions.Options;
using PaymentOrchestrator.Storage.Connections;

namespace PaymentOrchestrator.Orchestration;

/// <summary>Checks the <c>Storage</c> section at start, with messages that say which setting is wrong and how to fix it.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageConnectionOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageConnectionOptions options)
    {
        if (options.ConnectionString is null && (options.TableServiceUri is null) != (options.QueueServiceUri is null))
        {
            return ValidateOptionsResult.Fail("With a managed identity set both Storage:TableServiceUri and Storage:QueueServiceUri.");
        }

        try
        {
            // Validates the combination and the connection string's syntax; the credential is not used here.
            options.CreateConnection(new Azure.Identity.ManagedIdentityCredential(Azure.Identity.ManagedIdentityId.SystemAssigned));
            return ValidateOptionsResult.Success;
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}
