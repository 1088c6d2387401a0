namespace PaymentOrchestrator.Local.Configuration;

/// <summary>Where the HTTP API listens (<c>Local:Http</c>).</summary>
public sealed class HttpSettings
{
    /// <summary>Loopback by default: the local host is not meant to be reachable from other machines.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>7071 like the Functions host; 0 picks a free port (tests, demo).</summary>
    public int Port { get; set; } = 7071;
}
