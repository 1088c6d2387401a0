using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace PaymentOrchestrator.Api.Tests;

/// <summary>How the HTTP API reads a request body: whole, too large, or cut off by the sender.</summary>
public sealed class RequestBodyTests
{
    [Fact]
    public async Task a_complete_body_is_read_whole()
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream("{\"msn\":\"123456\"}"u8.ToArray());

        var (body, problem) = await RequestBodies.ReadAsync(context.Request, CancellationToken.None);

        Assert.Null(problem);
        Assert.Equal("{\"msn\":\"123456\"}"u8.ToArray(), body);
    }

    [Fact]
    public async Task a_sender_that_stops_before_its_content_length_gets_400_incomplete_body_not_an_exception()
    {
        // Kestrel's answer to a connection that ends mid-body: it was logged as an unhandled error before.
        var context = new DefaultHttpContext();
        context.Request.Body = new CutOffStream("{\"msn\":"u8.ToArray());

        var (body, problem) = await RequestBodies.ReadAsync(context.Request, CancellationToken.None);

        Assert.Null(body);
        var result = Assert.IsType<ProblemHttpResult>(problem);
        Assert.Equal(StatusCodes.Status400BadRequest, result.StatusCode);
        Assert.EndsWith("incomplete-body", result.ProblemDetails.Type, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_body_over_the_limit_gets_413()
    {
        var context = new DefaultHttpContext();
        context.Request.ContentLength = 10_000_000;
        context.Request.Body = new MemoryStream(new byte[16]);

        var (body, problem) = await RequestBodies.ReadAsync(context.Request, CancellationToken.None);

        Assert.Null(body);
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, Assert.IsType<ProblemHttpResult>(problem).StatusCode);
    }

    /// <summary>Gives its bytes, then fails as Kestrel does when the connection ends before Content-Length.</summary>
    private sealed class CutOffStream(byte[] first) : MemoryStream(first)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            return read > 0 ? read : throw new BadHttpRequestException("Unexpected end of request content.");
        }
    }
}
