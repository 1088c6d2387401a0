using System.Globalization;
using System.Text;

namespace PaymentOrchestrator.VippsSimulator.Infrastructure;

/// <summary>Ids, secrets and trace ids from one Random, seeded when <see cref="SimulatorOptions.RandomSeed"/> is set.</summary>
internal sealed class IdGenerator(int? seed)
{
    private const string Alphanumeric = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private readonly Lock _gate = new();
    private readonly Random _random = seed is { } s ? new Random(s) : new Random();
    private long _pspSequence = 1_000_000_000;

    /// <summary>The last PSP reference issued (kept in the state file, so references stay unique across restarts).</summary>
    public long PspSequence
    {
        get => Interlocked.Read(ref _pspSequence);
        set => Interlocked.Exchange(ref _pspSequence, value);
    }

    public double NextDouble()
    {
        lock (_gate)
        {
            return _random.NextDouble();
        }
    }

    public Guid NewGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        lock (_gate)
        {
            _random.NextBytes(bytes);
        }

        // Version 4 and RFC 4122 variant bits, so the value is a well-formed UUID.
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    public string Hex(int length)
    {
        var builder = new StringBuilder(length);
        lock (_gate)
        {
            for (var i = 0; i < length; i++)
            {
                builder.Append("0123456789abcdef"[_random.Next(16)]);
            }
        }

        return builder.ToString();
    }

    public string Alnum(int length)
    {
        var builder = new StringBuilder(length);
        lock (_gate)
        {
            for (var i = 0; i < length; i++)
            {
                builder.Append(Alphanumeric[_random.Next(Alphanumeric.Length)]);
            }
        }

        return builder.ToString();
    }

    /// <summary>W3C trace-context style id, as Vipps returns in <c>traceId</c>.</summary>
    public string TraceId() => $"00-{Hex(32)}-{Hex(16)}-01";

    /// <summary>Numeric PSP reference, unique within this simulator.</summary>
    public string PspReference() => Interlocked.Increment(ref _pspSequence).ToString(CultureInfo.InvariantCulture);
}
