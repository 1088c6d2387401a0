using System.Text;

namespace PaymentOrchestrator.VippsSimulator.Infrastructure;

/// <summary>
/// A complete HTTP answer kept as text, so that an idempotent replay returns exactly the bytes of the first answer.
/// </summary>
internal sealed record ApiResponse(int Status, string? Body, string ContentType = "application/json") : IResult
{
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public static ApiResponse Json<T>(int status, T body) => new(status, SimulatorJson.Serialize(body));

    public static ApiResponse Empty(int status) => new(status, null);

    public bool IsSuccess => Status is >= 200 and < 300;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = Status;
        foreach (var (name, value) in Headers)
        {
            response.Headers[name] = value;
        }

        if (Body is not null)
        {
            response.ContentType = ContentType.Contains("charset", StringComparison.Ordinal) ? ContentType : ContentType + "; charset=utf-8";
            var bytes = Encoding.UTF8.GetBytes(Body);
            response.ContentLength = bytes.Length;
            await response.Body.WriteAsync(bytes, httpContext.RequestAborted);
        }
    }
}
