namespace PaymentOrchestrator.Storage;

/// <summary>
/// Bindable storage settings (section <c>Storage</c>): either <see cref="ConnectionString"/> (local, Azurite) or
/// <see cref="TableServiceUri"/> and <see cref="QueueServiceUri"/> with a managed identity (Azure).
/// </summary>
public sealed class StorageConnectionOptions
{
    /// <summary>A storage connection string (it holds the account key: never log it).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Table service endpoint, used with a token credential.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>Queue service endpoint, used with a token credential.</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>Client id of a user-assigned managed identity; null for the system-assigned identity.</summary>
    public string? ManagedIdentityClientId { get; set; }

    internal bool UsesConnectionString => !string.IsNullOrWhiteSpace(ConnectionString);

    /// <summary>What is wrong with the settings, in words that say which setting to fix; null when they are usable.</summary>
    public string? Validate()
    {
        var hasUris = TableServiceUri is not null || QueueServiceUri is not null;
        if (UsesConnectionString && hasUris)
        {
            return "Storage: set either ConnectionString or TableServiceUri/QueueServiceUri, not both.";
        }

        if (UsesConnectionString)
        {
            return ConnectionStringProblem(ConnectionString!);
        }

        if (!hasUris)
        {
            return "Storage is not configured: set Storage:ConnectionString (e.g. UseDevelopmentStorage=true) or Storage:TableServiceUri and Storage:QueueServiceUri.";
        }

        if (TableServiceUri is null || QueueServiceUri is null)
        {
            return "With a managed identity set both Storage:TableServiceUri and Storage:QueueServiceUri.";
        }

        return TableServiceUri.Scheme != Uri.UriSchemeHttps || QueueServiceUri.Scheme != Uri.UriSchemeHttps
            ? "Storage:TableServiceUri and Storage:QueueServiceUri must be https (a bearer token is never sent over http)."
            : null;
    }

    /// <summary>Describes the settings with the connection string redacted.</summary>
    public override string ToString() =>
        $"StorageConnectionOptions {{ ConnectionString = {(UsesConnectionString ? "(set, redacted)" : "-")}, " +
        $"TableServiceUri = {TableServiceUri?.ToString() ?? "-"}, QueueServiceUri = {QueueServiceUri?.ToString() ?? "-"}, " +
        $"ManagedIdentityClientId = {ManagedIdentityClientId ?? "-"} }}";

    private static string? ConnectionStringProblem(string connectionString)
    {
        // The SDKs parse connection strings themselves; this only catches what would otherwise surface later as an
        // opaque exception. The message never repeats the string (it holds the key).
        var pairs = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (pairs.Any(p => !p.Contains('=', StringComparison.Ordinal)))
        {
            return "Storage:ConnectionString is not a valid connection string: it must be 'Name=value' pairs separated by ';'.";
        }

        var names = pairs.Select(p => p[..p.IndexOf('=', StringComparison.Ordinal)]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (names.Contains("UseDevelopmentStorage"))
        {
            return null;
        }

        if (!names.Contains("AccountName") || !names.Contains("AccountKey"))
        {
            return "Storage:ConnectionString must name AccountName and AccountKey (or be UseDevelopmentStorage=true).";
        }

        return names.Contains("TableEndpoint") == names.Contains("QueueEndpoint")
            ? null
            : "Storage:ConnectionString must give both TableEndpoint and QueueEndpoint, or neither.";
    }
}
