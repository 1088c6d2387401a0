using Microsoft.Extensions.Configuration;

namespace PaymentOrchestrator.Orchestration.Hosting;

/// <summary>
/// The Service Bus connection as the Functions runtime reads it for the triggers, so the outcome publisher uses the
/// same setting: <c>ServiceBusConnection__fullyQualifiedNamespace</c> (+ <c>__clientId</c> of a user-assigned managed
/// identity) in Azure, or a connection string in <c>ServiceBusConnection</c> (local development, the emulator).
/// </summary>
public sealed record ServiceBusConnectionSetting(string? FullyQualifiedNamespace, string? ManagedIdentityClientId, string? ConnectionString)
{
    /// <exception cref="InvalidOperationException">Neither form is configured; the message says what to set.</exception>
    public static ServiceBusConnectionSetting Read(IConfiguration configuration, string name = HostingNames.ServiceBusConnection)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(name);
        if (section["fullyQualifiedNamespace"] is { Length: > 0 } ns)
        {
            return new(ns, section["clientId"] is { Length: > 0 } id ? id : null, null);
        }

        if (section.Value is { Length: > 0 } connectionString)
        {
            return new(null, null, connectionString);
        }

        throw new InvalidOperationException(
            $"Service Bus is not configured: set {name}__fullyQualifiedNamespace (managed identity, with {name}__clientId for a user-assigned one) or {name} to a connection string.");
    }

    /// <summary>Never prints the connection string.</summary>
    public override string ToString() =>
        $"ServiceBusConnectionSetting {{ FullyQualifiedNamespace = {FullyQualifiedNamespace ?? "-"}, ManagedIdentityClientId = {ManagedIdentityClientId ?? "-"}, ConnectionString = {(ConnectionString is null ? "-" : "(set, redacted)")} }}";
}
