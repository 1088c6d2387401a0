using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using PaymentOrchestrator.Testing;

namespace PaymentOrchestrator.Infra.Tests;

/// <summary>Runs the real Bicep CLI (restored by the project's PackageDownload) on infra/main.bicep.</summary>
internal static class BicepCompiler
{
    private static readonly Lazy<Task<JsonObject>> Compiled = new(CompileMainAsync);

    public static string MainBicep { get; } = Path.Combine(RepositoryRoot.Path, "infra", "main.bicep");

    public static string BicepPath { get; } = typeof(BicepCompiler).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "BicepPath").Value ?? throw new InvalidOperationException("BicepPath metadata is empty.");

    /// <summary>The ARM JSON of infra/main.bicep, compiled once per test run.</summary>
    public static Task<JsonObject> MainTemplateAsync() => Compiled.Value;

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(BicepPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["BICEP_TRACING_ENABLED"] = "false";
        EnsureExecutable();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {BicepPath}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static async Task<JsonObject> CompileMainAsync()
    {
        var (exitCode, stdout, stderr) = await RunAsync("build", MainBicep, "--stdout");
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"bicep build failed ({exitCode}): {stderr}");
        }

        return JsonNode.Parse(stdout)!.AsObject();
    }

    /// <summary>NuGet extracts the package without the execute bit; the build sets it too, this covers a test run alone.</summary>
    private static void EnsureExecutable()
    {
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(BicepPath);
            const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            if ((mode & UnixFileMode.UserExecute) == 0)
            {
                File.SetUnixFileMode(BicepPath, mode | execute);
            }
        }
    }
}
