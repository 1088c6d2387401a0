using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using PaymentOrchestrator.Api;

namespace PaymentOrchestrator.Local.Hosting;

/// <summary>
/// Kestrel answers a request target or headers over its limits itself, with an empty body and no <c>code</c>. The local
/// host raises Kestrel's limits to a hard outer bound (<see cref="HardLimitBytes"/>) and answers Kestrel's usual limits
/// here, as problems like every other error. Past the outer bound, and for what Kestrel refuses to parse at all (a NUL
/// in the path, a broken request line), Kestrel's own empty 4xx remains: such a request never reaches the application.
/// </summary>
internal static class RequestLimits
{
    /// <summary>Kestrel's default request-line limit: the longest path and query answered.</summary>
    public const int MaxRequestTargetBytes = 8 * 1024;

    /// <summary>Kestrel's default limit on all request headers together.</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    public const int HardLimitBytes = 64 * 1024;

    public static void Raise(KestrelServerOptions kestrel)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        kestrel.Limits.MaxRequestLineSize = HardLimitBytes;
        kestrel.Limits.MaxRequestHeadersTotalSize = HardLimitBytes;
    }

    public static Task EnforceAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value + context.Request.QueryString.Value;
        if (target.Length > MaxRequestTargetBytes)
        {
            return Problem(context, StatusCodes.Status414UriTooLong, "uri-too-long", "Request target too long",
                $"The path and query are {target.Length} characters; at most {MaxRequestTargetBytes} are read.");
        }

        var headerBytes = context.Request.Headers.Sum(h => h.Key.Length + h.Value.ToString().Length + 4);
        if (headerBytes > MaxHeaderBytes)
        {
            return Problem(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "headers-too-large", "Request headers too large",
                $"The request headers take {headerBytes} bytes; at most {MaxHeaderBytes} are read.");
        }

        return next(context);
    }

    private static Task Problem(HttpContext context, int status, string code, string title, string detail) =>
        Problems.Create(status, code, title, detail).ExecuteAsync(context);
}
