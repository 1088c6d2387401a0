using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace PaymentOrchestrator.WebConsole;

/// <summary>One static file of the console: its bytes, content type and a strong ETag.</summary>
public sealed record ConsoleAsset(string Path, string ContentType, ReadOnlyMemory<byte> Content, string ETag);

/// <summary>
/// The console's files, embedded in this assembly so that every host serves exactly the same bytes: the page at the
/// host's root (<c>/</c>) and its scripts and styles under <c>/console/</c>. A host answers with <see cref="Find"/>'s
/// asset and every header of <see cref="SecurityHeaders"/>; nothing else is needed.
/// </summary>
public static class ConsoleAssets
{
    /// <summary>The URL prefix of the scripts and styles (the page refers to them relatively, as <c>console/app.js</c>).</summary>
    public const string Prefix = "console/";

    /// <summary>
    /// Only this origin's scripts, styles and API; no inline script or style, no framing, no plugins, no form posts,
    /// no base-URI rewriting.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; font-src 'self'; "
        + "manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'";

    /// <summary>Headers to send with every console file.</summary>
    public static IReadOnlyDictionary<string, string> SecurityHeaders { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Content-Security-Policy"] = ContentSecurityPolicy,
        ["X-Content-Type-Options"] = "nosniff",
        ["Referrer-Policy"] = "no-referrer",
        ["X-Frame-Options"] = "DENY",
        ["Cross-Origin-Opener-Policy"] = "same-origin",
        ["Cache-Control"] = "no-cache",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
        [".json"] = "application/json; charset=utf-8",
        [".txt"] = "text/plain; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly Lazy<FrozenDictionary<string, ConsoleAsset>> Assets = new(Load);

    /// <summary>Every asset by its path relative to the host root (<c>index.html</c>, <c>console/app.js</c>, …).</summary>
    public static IReadOnlyCollection<string> Paths => Assets.Value.Keys;

    /// <summary>
    /// The asset for a request path relative to the host root: <c>""</c> or <c>index.html</c> is the page; anything else
    /// must be an embedded file under <see cref="Prefix"/>. Null for anything unknown (never a file outside the set).
    /// </summary>
    public static ConsoleAsset? Find(string? path)
    {
        var relative = (path ?? string.Empty).TrimStart('/');
        if (relative.Length == 0)
        {
            relative = "index.html";
        }

        return Assets.Value.GetValueOrDefault(relative);
    }

    private static FrozenDictionary<string, ConsoleAsset> Load()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var assets = new Dictionary<string, ConsoleAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            const string root = "wwwroot/";
            if (!name.StartsWith(root, StringComparison.Ordinal))
            {
                continue;
            }

            var path = name[root.Length..].Replace('\\', '/');
            if (!ContentTypes.TryGetValue(Path.GetExtension(path), out var contentType))
            {
                continue;
            }

            var content = Read(assembly, name);
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..32] + "\"";
            assets[path] = new ConsoleAsset(path, contentType, content, etag);
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"Embedded resource {name} is missing.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
