using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using PaymentOrchestrator.Azurite;

namespace PaymentOrchestrator.Benchmarks;

/// <summary>
/// A counting TCP forwarder in front of one Azurite: one listener per service port (blob, queue, table). Bytes are copied
/// both ways unchanged; the client-to-server direction is also read as HTTP/1.1 — request line and Content-Length of
/// each request head, the body skipped by its length (the Azure SDKs send no chunked requests) — and every request is
/// counted by service and kind. The host child process gets <see cref="ConnectionString"/>, so everything it sends to
/// Storage (its own clients and the Durable backend's queue, table and blob requests) is counted here, in the bench.
/// </summary>
internal sealed class StorageProxy : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpListener> _listeners = [];
    private readonly List<Task> _accepting = [];
    private readonly ConcurrentDictionary<Task, byte> _connections = new();
    private volatile SendWatch? _watch;

    private StorageProxy(AzuriteServer target)
    {
        var blob = Listen(target.BlobPort, "blob");
        var queue = Listen(target.QueuePort, "queue");
        var table = Listen(target.TablePort, "table");
        ConnectionString = AzuriteServer.ConnectionStringFor(blob, queue, table);
    }

    /// <summary>Azurite's connection string with the proxy's ports.</summary>
    public string ConnectionString { get; }

    public static StorageProxy Start(AzuriteServer target) => new(target);

    /// <summary>
    /// Calls <paramref name="sent"/> with the time each message send to <paramref name="queueName"/> reached the proxy
    /// (its request head read) and the request's body (the SDK's XML with the message text in it): when the host published
    /// an outcome, by the bench's clock.
    /// </summary>
    public void WatchSends(string queueName, Action<DateTimeOffset, string> sent) =>
        _watch = new SendWatch("/" + queueName + "/messages", sent);

    /// <summary>Requests counted so far, by kind (<c>service: operation</c>).</summary>
    public StorageCounts Snapshot() => new(
        new Dictionary<string, long>(_counts, StringComparer.Ordinal));

    /// <summary>The requests counted between <paramref name="from"/> and <paramref name="until"/> from now.</summary>
    public async Task<StorageCounts> CountAsync(TimeSpan from, TimeSpan until, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.Delay(from, cancellationToken);
        var before = Snapshot();
        await Task.Delay(until - clock.Elapsed is { Ticks: > 0 } rest ? rest : TimeSpan.Zero, cancellationToken);
        return Snapshot().Minus(before);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var listener in _listeners)
        {
            listener.Stop();
        }

        await Task.WhenAll(_accepting.Concat(_connections.Keys)).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    /// <summary>The kind of an update of a message on a Durable control queue.</summary>
    internal const string ControlMessageUpdate = "queue: update control message";

    /// <summary>The kind of one request, from its method and target (Azurite's path-style URLs).</summary>
    internal static string Classify(string service, string method, string target)
    {
        var q = target.IndexOf('?', StringComparison.Ordinal);
        var path = q < 0 ? target : target[..q];
        var query = q < 0 ? string.Empty : target[(q + 1)..];
        bool Has(string s) => query.Contains(s, StringComparison.OrdinalIgnoreCase);
        return service switch
        {
            "queue" => method switch
            {
                _ when Has("comp=metadata") => "queue: properties",
                _ when Has("comp=list") => "queue: list",
                "POST" when path.EndsWith("/messages", StringComparison.Ordinal) => "queue: send",
                "GET" when path.EndsWith("/messages", StringComparison.Ordinal) => Has("peekonly=true") ? "queue: peek" : "queue: receive",
                "DELETE" when path.EndsWith("/messages", StringComparison.Ordinal) => "queue: clear",
                "DELETE" when path.Contains("/messages/", StringComparison.Ordinal) => "queue: delete message",
                // On a Durable control queue an update is an abandon (a deferred start message) or a visibility renewal.
                "PUT" when path.Contains("/messages/", StringComparison.Ordinal) =>
                    path.Contains("-control-", StringComparison.Ordinal) ? ControlMessageUpdate : "queue: update message",
                "PUT" => "queue: create queue",
                "DELETE" => "queue: delete queue",
                _ => "queue: other " + method,
            },
            "table" => method switch
            {
                _ when path.EndsWith("/$batch", StringComparison.Ordinal) => "table: transaction",
                _ when path.Contains("/Tables", StringComparison.Ordinal) => "table: tables",
                "GET" when path.Contains("(PartitionKey=", StringComparison.Ordinal) => "table: point read",
                "GET" => "table: query",
                "PUT" => "table: update",
                "MERGE" or "PATCH" => "table: merge",
                "POST" => "table: insert",
                "DELETE" => "table: delete",
                _ => "table: other " + method,
            },
            _ => method switch
            {
                _ when Has("comp=lease") => "blob: lease",
                _ when Has("comp=list") => "blob: list",
                _ when Has("restype=container") => "blob: container",
                "GET" or "HEAD" => "blob: read",
                "PUT" => "blob: write",
                "DELETE" => "blob: delete",
                _ => "blob: other " + method,
            },
        };
    }

    private int Listen(int targetPort, string service)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(512);
        _listeners.Add(listener);
        _accepting.Add(Task.Run(() => AcceptAsync(listener, targetPort, service), CancellationToken.None));
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task AcceptAsync(TcpListener listener, int targetPort, string service)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var connection = Task.Run(() => ForwardAsync(client, targetPort, service), CancellationToken.None);
            _connections[connection] = 0;
            _ = connection.ContinueWith(t => _connections.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task ForwardAsync(TcpClient client, int targetPort, string service)
    {
        using (client)
        using (var server = new TcpClient { NoDelay = true })
        {
            client.NoDelay = true;
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, targetPort, _stop.Token);
                var requests = new RequestReader(this, service);
                var up = CopyAsync(client.GetStream(), server.GetStream(), requests.Read);
                var down = CopyAsync(server.GetStream(), client.GetStream(), null);

                // Either side closing ends the connection (HTTP/1.1 keep-alive: nothing is in flight then).
                await Task.WhenAny(up, down);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
            {
            }
        }
    }

    private async Task CopyAsync(NetworkStream from, NetworkStream to, Action<ReadOnlySpan<byte>>? observe)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var n = await from.ReadAsync(buffer, _stop.Token);
                if (n == 0)
                {
                    return;
                }

                observe?.Invoke(buffer.AsSpan(0, n));
                await to.WriteAsync(buffer.AsMemory(0, n), _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
    }

    /// <summary>
    /// The table, queue or container a request names (Azurite's path-style URL: <c>/account/name…</c>), with the hex and
    /// digits of per-run suffixes kept; a table transaction names its table in its body, so it counts as <c>$batch</c>.
    /// </summary>
    internal static string Resource(string target)
    {
        var path = target.Split('?')[0];
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2)
        {
            return "(account)";
        }

        var name = segments[1];
        var paren = name.IndexOf('(', StringComparison.Ordinal);
        return paren < 0 ? name : name[..paren];
    }

    private void Count(string kind, string resource)
    {
        _counts.AddOrUpdate(kind + StorageCounts.Separator + resource, 1, (_, n) => n + 1);
    }

    private sealed record SendWatch(string PathSuffix, Action<DateTimeOffset, string> Sent);

    /// <summary>Finds request heads in one connection's client-to-server bytes; skips bodies by Content-Length.</summary>
    private sealed class RequestReader(StorageProxy owner, string service)
    {
        private const int MaxHead = 64 * 1024;
        private readonly byte[] _head = new byte[MaxHead];
        private int _headLength;
        private long _bodyLeft;
        private List<byte>? _body;
        private Action<string>? _bodyDone;

        public void Read(ReadOnlySpan<byte> data)
        {
            while (!data.IsEmpty)
            {
                if (_bodyLeft > 0)
                {
                    var skip = (int)Math.Min(_bodyLeft, data.Length);
                    _body?.AddRange(data[..skip]);
                    _bodyLeft -= skip;
                    data = data[skip..];
                    if (_bodyLeft == 0 && _body is not null)
                    {
                        _bodyDone!(Encoding.UTF8.GetString([.. _body]));
                        _body = null;
                    }

                    continue;
                }

                var b = data[0];
                data = data[1..];
                if (_headLength < MaxHead)
                {
                    _head[_headLength] = b;
                }

                _headLength++;
                if (b == (byte)'\n' && _headLength >= 4 && _headLength <= MaxHead
                    && _head[_headLength - 2] == '\r' && _head[_headLength - 3] == '\n' && _head[_headLength - 4] == '\r')
                {
                    Parse(Encoding.ASCII.GetString(_head, 0, _headLength));
                    _headLength = 0;
                }
            }
        }

        private void Parse(string head)
        {
            var lines = head.Split("\r\n");
            var parts = lines[0].Split(' ');
            if (parts.Length < 2)
            {
                owner.Count(service + ": unparsed", "?");
                return;
            }

            var kind = Classify(service, parts[0], parts[1]);
            _body = null;
            if (kind == "table: transaction")
            {
                // Counted once its body names the table (the first sub-request's URL).
                _body = [];
                _bodyDone = body => owner.Count(kind, BatchTable(body));
            }
            else
            {
                owner.Count(kind, Resource(parts[1]));
            }

            if (service == "queue" && parts[0] == "POST" && owner._watch is { } watch
                && parts[1].Split('?')[0].EndsWith(watch.PathSuffix, StringComparison.Ordinal))
            {
                var at = TimeProvider.System.GetUtcNow();
                _body = [];
                _bodyDone = body => watch.Sent(at, body);
            }

            foreach (var line in lines.Skip(1))
            {
                if (line.StartsWith("content-length:", StringComparison.OrdinalIgnoreCase)
                    && long.TryParse(line.AsSpan("content-length:".Length).Trim(), System.Globalization.CultureInfo.InvariantCulture, out var length))
                {
                    _bodyLeft = length;
                }
            }

            if (_bodyLeft == 0 && _body is not null)
            {
                _bodyDone!(string.Empty);
                _body = null;
            }
        }

        /// <summary>The table a transaction's first sub-request names (<c>… http://host/account/Table(…) HTTP/1.1</c>).</summary>
        private static string BatchTable(string body)
        {
            var http = body.IndexOf("http://", StringComparison.Ordinal);
            if (http < 0)
            {
                return "$batch";
            }

            var end = body.IndexOf(' ', http);
            var url = end < 0 ? body[http..] : body[http..end];
            var pathStart = url.IndexOf('/', "http://".Length);
            return pathStart < 0 ? "$batch" : Resource(url[pathStart..]);
        }
    }
}

/// <summary>
/// Storage requests by kind (<c>service: operation</c>), and by kind and the table, queue or container they named
/// (<c>service: operation · name</c>).
/// </summary>
internal sealed record StorageCounts(IReadOnlyDictionary<string, long> ByResource)
{
    /// <summary>Between a request's kind and the name it named, in <see cref="ByResource"/>'s keys.</summary>
    public const string Separator = " · ";

    public static readonly StorageCounts None = new(new Dictionary<string, long>());

    /// <summary>The same requests by kind alone.</summary>
    public IReadOnlyDictionary<string, long> ByKind { get; } = ByResource
        .GroupBy(p => p.Key.Split(Separator)[0], StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Sum(p => p.Value), StringComparer.Ordinal);

    public static readonly string[] Services = ["table", "queue", "blob"];

    public long Total => ByKind.Values.Sum();

    public long Service(string service) => ByKind.Where(p => p.Key.StartsWith(service + ":", StringComparison.Ordinal)).Sum(p => p.Value);

    /// <summary>Requests that named a table, queue or container whose name starts with one of <paramref name="names"/>.</summary>
    public long Named(IReadOnlyCollection<string> names) => ByResource
        .Where(p => p.Key.Split(Separator) is [_, var name] && names.Any(n => name.StartsWith(n, StringComparison.Ordinal)))
        .Sum(p => p.Value);

    public StorageCounts Minus(StorageCounts earlier) => new(ByResource.ToDictionary(
        p => p.Key, p => p.Value - (earlier.ByResource.TryGetValue(p.Key, out var e) ? e : 0), StringComparer.Ordinal));
}
