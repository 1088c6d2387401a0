namespace PaymentOrchestrator.Vipps.Credentials;

/// <summary>
/// No usable key set for a call: none configured for the MSN in this environment, or the chosen keys may not do what
/// was asked (management keys cannot move money; accounting keys reach only the Report API). Thrown before any HTTP
/// request, and never transient: fix the configuration.
/// </summary>
public sealed class VippsCredentialException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public VippsCredentialException(string message, string? msn, string? keySetName)
        : base(message)
    {
        Msn = msn;
        KeySetName = keySetName;
    }

    /// <summary>Creates the exception with no MSN or key set.</summary>
    public VippsCredentialException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public VippsCredentialException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public VippsCredentialException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The MSN the call was for, if any.</summary>
    public string? Msn { get; }

    /// <summary>The key set that was chosen and refused, if any.</summary>
    public string? KeySetName { get; }
}
