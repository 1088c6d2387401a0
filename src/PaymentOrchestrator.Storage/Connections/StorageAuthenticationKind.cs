namespace PaymentOrchestrator.Storage.Connections;

/// <summary>How requests of a <see cref="StorageConnection"/> are authenticated.</summary>
public enum StorageAuthenticationKind
{
    /// <summary>Shared Key: every request is signed with the account key (connection strings, Azurite).</summary>
    SharedKey,

    /// <summary>Microsoft Entra ID: a bearer token for <c>https://storage.azure.com/.default</c> (e.g. managed identity).</summary>
    TokenCredential,
}
