namespace PaymentOrchestrator.Api;

/// <summary>
/// An answer with headers set before it is written. Every API answer gets <see cref="Always"/>: payment data is never
/// cached and never sniffed into another content type; a few get one more (<c>Location</c>, <c>Retry-After</c>,
/// <c>WWW-Authenticate</c>).
/// </summary>
internal sealed class ApiHeaders(IResult inner, params IReadOnlyList<(string Name, string Value)> headers) : IResult
{
    public static IReadOnlyList<(string Name, string Value)> Always { get; } =
    [
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
    ];

    /// <summary>The answer with <see cref="Always"/>.</summary>
    public static IResult Standard(IResult inner) => new ApiHeaders(inner, Always);

    public static IResult Location(IResult inner, string location) => new ApiHeaders(inner, ("Location", location));

    public static IResult RetryAfter(IResult inner, int seconds) =>
        new ApiHeaders(inner, ("Retry-After", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Sets <see cref="Always"/> on a response (also used for the host's own error pages).</summary>
    public static void SetAlways(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        foreach (var (name, value) in Always)
        {
            response.Headers[name] = value;
        }
    }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        foreach (var (name, value) in headers)
        {
            httpContext.Response.Headers[name] = value;
        }

        return inner.ExecuteAsync(httpContext);
    }
}
