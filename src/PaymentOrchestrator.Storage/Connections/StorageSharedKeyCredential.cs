using System.Security.Cryptography;
using System.Text;

namespace PaymentOrchestrator.Storage.Connections;

/// <summary>
/// A storage account name and key for Shared Key signing. The key is kept only as bytes inside this object and is never
/// part of <see cref="ToString"/>, exception messages or logs.
/// </summary>
public sealed class StorageSharedKeyCredential
{
    private readonly byte[] _key;

    /// <summary>Creates a credential from the account name and its base64 account key.</summary>
    /// <exception cref="ArgumentException">The name is empty or the key is not base64 (the key is not echoed).</exception>
    public StorageSharedKeyCredential(string accountName, string accountKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        ArgumentNullException.ThrowIfNull(accountKey);
        AccountName = accountName;
        try
        {
            _key = Convert.FromBase64String(accountKey);
        }
        catch (FormatException)
        {
            // Deliberately without the inner exception or the value: never echo key material.
            throw new ArgumentException($"The account key of storage account '{accountName}' is not valid base64.", nameof(accountKey));
        }

        if (_key.Length == 0)
        {
            throw new ArgumentException($"The account key of storage account '{accountName}' is empty.", nameof(accountKey));
        }
    }

    /// <summary>The storage account name.</summary>
    public string AccountName { get; }

    /// <summary>HMAC-SHA256 of <paramref name="stringToSign"/> with the account key, base64.</summary>
    internal string Sign(string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(stringToSign)));

    /// <summary>Names the account; never contains the key.</summary>
    public override string ToString() => $"StorageSharedKeyCredential {{ AccountName = {AccountName} }}";
}
