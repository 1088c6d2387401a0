namespace PaymentOrchestrator.Testing;

/// <summary>
/// The repository's root (the folder holding <c>PaymentOrchestrator.sln</c>), found by walking up from the current
/// directory and then from the running assembly's folder: for tests and the benchmark that read or write the
/// repository's files (host.json, infra, docs, artifacts).
/// </summary>
public static class RepositoryRoot
{
    private const string Marker = "PaymentOrchestrator.sln";

    private static readonly Lazy<string?> Located = new(Locate);

    /// <summary>The root; throws when the code does not run inside the repository.</summary>
    public static string Path => Located.Value ?? throw new DirectoryNotFoundException(
        $"{Marker} was not found above the current directory or {AppContext.BaseDirectory}.");

    /// <summary>The root, or null when the code does not run inside the repository.</summary>
    public static string? Find() => Located.Value;

    private static string? Locate()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, Marker)))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }
}
