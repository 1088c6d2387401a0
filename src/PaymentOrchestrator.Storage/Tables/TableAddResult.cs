using Azure;

namespace PaymentOrchestrator.Storage.Tables;

/// <summary>The outcome of <see cref="TableClient.AddEntityAsync{T}"/>: added (with its new ETag) or already there.</summary>
public sealed record TableAddResult
{
    private TableAddResult(bool added, ETag eTag)
    {
        Added = added;
        ETag = eTag;
    }

    /// <summary>The entity was inserted.</summary>
    public bool Added { get; }

    /// <summary>An entity with the same keys existed (HTTP 409 <c>EntityAlreadyExists</c>); nothing was written.</summary>
    public bool AlreadyExists => !Added;

    /// <summary>The ETag of the inserted entity; default when it already existed.</summary>
    public ETag ETag { get; }

    internal static TableAddResult Inserted(ETag eTag) => new(true, eTag);

    internal static TableAddResult Existing { get; } = new(false, default);
}
