namespace PaymentOrchestrator.Api;

/// <summary>How every route reads a request body: whole, up to <see cref="MaxBytes"/>, or a problem to answer instead.</summary>
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
}
