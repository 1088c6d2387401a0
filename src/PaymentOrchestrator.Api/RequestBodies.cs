using System.Text.Json.Nodes;
using PaymentOrchestrator.Domain.Contracts;

namespace PaymentOrchestrator.Api;

/// <summary>
/// How every route reads a request body: whole, up to <see cref="MaxBytes"/>, and a JSON body through the one strict
/// reader (<see cref="StrictJson"/>) — or a problem to answer instead.
/// </summary>
public static class RequestBodies
{
    /// <summary>Webhook, refund and replay bodies larger than this are refused before they are read further.</summary>
    public const int MaxBytes = 256 * 1024;

    /// <summary>
    /// The body, or the problem to answer instead: 413 when it exceeds <see cref="MaxBytes"/>, 400 when the client
    /// stopped sending before its Content-Length (a dropped connection is the client's fault, not an error of ours).
    /// </summary>
    public static async Task<(byte[]? Body, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tooLarge = Problems.Create(StatusCodes.Status413PayloadTooLarge, "too-large", "Request too large", $"The body exceeds {MaxBytes} bytes.");
        if (request.ContentLength > MaxBytes)
        {
            return (null, tooLarge);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                {
                    return (null, tooLarge);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e)
        {
            return (null, Problems.Create(StatusCodes.Status400BadRequest, "incomplete-body", "Request body incomplete", e.Message));
        }

        return (buffer.ToArray(), null);
    }

    /// <summary>
    /// The body as bytes and as a JSON object read by <see cref="StrictJson"/>, or the problem to answer instead: 400
    /// <c>malformed-json</c> (not UTF-8, not JSON, a property given twice, too deep), 400 <c>invalid-text</c> (a control,
    /// bidirectional or invisible character, or a lone surrogate), 400 <c>not-an-object</c>; 413 and 400 as <see cref="ReadAsync"/>.
    /// An empty body is an empty object when <paramref name="emptyIsObject"/>.
    /// </summary>
    public static async Task<(byte[]? Body, JsonObject? Json, IResult? Problem)> ReadObjectAsync(
        HttpRequest request, CancellationToken cancellationToken, bool emptyIsObject = false)
    {
        var (body, problem) = await ReadAsync(request, cancellationToken);
        if (body is null)
        {
            return (null, null, problem);
        }

        if (body.Length == 0 && emptyIsObject)
        {
            return (body, [], null);
        }

        if (!StrictJson.TryParse(body, out var document, out var refusal))
        {
            return refusal.Code == RejectionCode.InvalidText
                ? (null, null, Problems.Create(StatusCodes.Status400BadRequest, "invalid-text", "Invalid request", refusal.Message))
                : (null, null, Problems.Create(StatusCodes.Status400BadRequest, "malformed-json", "Invalid request", refusal.Message));
        }

        using (document)
        {
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                ? (body, JsonObject.Create(document.RootElement.Clone()), null)
                : (null, null, Problems.Create(StatusCodes.Status400BadRequest, "not-an-object", "Invalid request", "The body must be a JSON object."));
        }
    }
}
