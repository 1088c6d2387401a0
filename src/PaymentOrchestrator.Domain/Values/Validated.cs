namespace PaymentOrchestrator.Domain.Values;

/// <summary>The result of a validating factory: a value, or a message that says exactly what is wrong.</summary>
public readonly struct Validated<T>
{
    private readonly T _value;

    private Validated(T value, string? error)
    {
        _value = value;
        Error = error;
    }

    public string? Error { get; }

    public bool IsValid => Error is null;

    /// <summary>The value; asking for it when invalid is a programming error.</summary>
    public T Value => IsValid ? _value : throw new InvalidOperationException(Error);

    public static Validated<T> Ok(T value) => new(value, null);

    public static Validated<T> Fail(string error) => new(default!, error);

    public bool TryGetValue(out T value, out string error)
    {
        value = _value;
        error = Error ?? string.Empty;
        return IsValid;
    }
}
