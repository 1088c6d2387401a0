namespace PaymentOrchestrator.Storage.Connections;

/// <summary>Storage connection string parsing. Error messages name settings, never their values (the key is one).</summary>
internal static class ConnectionStringParser
{
    public static StorageConnection Parse(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var segments = connectionString.Split(';');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i].Trim();
            if (segment.Length == 0)
            {
                continue;
            }

            var eq = segment.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException($"Storage connection string: segment {i + 1} is not of the form Name=Value.");
            }

            var name = segment[..eq].Trim();
            if (!settings.TryAdd(name, segment[(eq + 1)..].Trim()))
            {
                throw new FormatException($"Storage connection string: '{name}' is given more than once.");
            }
        }

        if (settings.Count == 0)
        {
            throw new FormatException("Storage connection string is empty.");
        }

        if (settings.TryGetValue("UseDevelopmentStorage", out var dev))
        {
            if (!bool.TryParse(dev, out var useDev))
            {
                throw new FormatException("Storage connection string: UseDevelopmentStorage must be true or false.");
            }

            if (useDev)
            {
                return StorageConnection.DevelopmentStorage;
            }
        }

        if (settings.ContainsKey("SharedAccessSignature"))
        {
            throw new FormatException(
                "Storage connection string: SharedAccessSignature is not supported; use AccountName/AccountKey or service URIs with a TokenCredential.");
        }

        if (!settings.TryGetValue("AccountName", out var account) || account.Length == 0)
        {
            throw new FormatException("Storage connection string: AccountName is missing.");
        }

        if (!settings.TryGetValue("AccountKey", out var key) || key.Length == 0)
        {
            throw new FormatException($"Storage connection string: AccountKey is missing for account '{account}'.");
        }

        StorageSharedKeyCredential credential;
        try
        {
            credential = new StorageSharedKeyCredential(account, key);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"Storage connection string: {e.Message}");
        }

        var protocol = settings.GetValueOrDefault("DefaultEndpointsProtocol", "https").ToLowerInvariant();
        if (protocol is not ("http" or "https"))
        {
            throw new FormatException("Storage connection string: DefaultEndpointsProtocol must be http or https.");
        }

        var suffix = settings.GetValueOrDefault("EndpointSuffix", "core.windows.net");
        Uri Endpoint(string setting, string service) =>
            settings.TryGetValue(setting, out var explicitUri) && explicitUri.Length > 0
                ? ParseEndpoint(setting, explicitUri)
                : new Uri($"{protocol}://{account}.{service}.{suffix}/");

        return StorageConnection.FromParts(
            Endpoint("TableEndpoint", "table"), Endpoint("QueueEndpoint", "queue"), Endpoint("BlobEndpoint", "blob"), credential);
    }

    private static Uri ParseEndpoint(string setting, string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new FormatException($"Storage connection string: {setting} must be an absolute http or https URI.");
        }

        return uri;
    }
}
