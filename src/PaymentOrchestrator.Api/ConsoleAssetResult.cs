using PaymentOrchestrator.WebConsole;

namespace PaymentOrchestrator.Api;

/// <summary>One console file with the security headers (<see cref="ConsoleAssets.SecurityHeaders"/>) and its ETag; 304 when unchanged.</summary>
internal sealed class ConsoleAssetResult(ConsoleAsset asset) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        foreach (var (name, value) in ConsoleAssets.SecurityHeaders)
        {
            response.Headers[name] = value;
        }

        response.Headers.ETag = asset.ETag;
        if (httpContext.Request.Headers.IfNoneMatch.ToString() == asset.ETag)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Content.Length;
        await response.Body.WriteAsync(asset.Content, httpContext.RequestAborted);
    }
}
