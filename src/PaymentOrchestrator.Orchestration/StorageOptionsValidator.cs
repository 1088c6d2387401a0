using Microsoft.Extensions.Options;

namespace PaymentOrchestrator.Orchestration;

/// <summary>Says exactly which storage setting is wrong and how to fix it.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var hasConnectionString = !string.IsNullOrWhiteSpace(options.ConnectionString);
        var hasUris = options.TableServiceUri is not null || options.QueueServiceUri is not null;
        if (hasConnectionString && hasUris)
        {
            return ValidateOptionsResult.Fail("Set either Storage:ConnectionString or Storage:TableServiceUri + Storage:QueueServiceUri, not both.");
        }

        if (!hasConnectionString && !hasUris)
        {
            return ValidateOptionsResult.Fail(
                "No storage configured: set Storage:ConnectionString (e.g. UseDevelopmentStorage=true for Azurite) or Storage:TableServiceUri and Storage:QueueServiceUri (managed identity).");
        }

        if (hasUris && (options.TableServiceUri is null || options.QueueServiceUri is null))
        {
            return ValidateOptionsResult.Fail("With managed identity set both Storage:TableServiceUri and Storage:QueueServiceUri.");
        }

        if (hasConnectionString)
        {
            try
            {
                Storage.Connections.StorageConnection.Parse(options.ConnectionString!);
            }
            catch (FormatException e)
            {
                return ValidateOptionsResult.Fail("Storage:ConnectionString is not a valid storage connection string: " + e.Message);
            }
        }

        return ValidateOptionsResult.Success;
    }
}
