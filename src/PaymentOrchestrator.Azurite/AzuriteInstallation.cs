using System.Diagnostics;

namespace PaymentOrchestrator.Azurite;

/// <summary>Finds the project's pinned Azurite (tools/azurite) and installs it with <c>npm ci</c> when missing.</summary>
public static class AzuriteInstallation
{
    private const string ToolsRelativePath = "tools/azurite";
    internal const string LauncherFile = "launch.js";
    internal const string AzuriteScript = "node_modules/azurite/dist/src/azurite.js";

    /// <summary>The tools/azurite folder: the configured one, or the first found walking up from the current
    /// directory or the application base directory.</summary>
    public static string LocateToolsDirectory(string? configured = null)
    {
        if (configured is not null)
        {
            return File.Exists(Path.Combine(configured, "package.json"))
                ? Path.GetFullPath(configured)
                : throw new AzuriteException($"'{configured}' is not the Azurite tools folder (no package.json there).");
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, ToolsRelativePath);
                if (File.Exists(Path.Combine(candidate, "package.json")) && File.Exists(Path.Combine(candidate, LauncherFile)))
                {
                    return candidate;
                }
            }
        }

        throw new AzuriteException(
            $"Could not find '{ToolsRelativePath}' above '{Directory.GetCurrentDirectory()}' or '{AppContext.BaseDirectory}'. " +
            "Run from inside the repository, or set the Azurite tools directory explicitly.");
    }

    /// <summary>True when the pinned Azurite is installed in <paramref name="toolsDirectory"/>.</summary>
    public static bool IsInstalled(string toolsDirectory) => File.Exists(Path.Combine(toolsDirectory, AzuriteScript));

    /// <summary>Runs <c>npm ci</c> once, under a cross-process lock so parallel test processes do not race.</summary>
    public static async Task EnsureInstalledAsync(string toolsDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (IsInstalled(toolsDirectory))
        {
            return;
        }

        await using var gate = await AcquireLockAsync(Path.Combine(toolsDirectory, ".install.lock"), timeout, cancellationToken);
        if (IsInstalled(toolsDirectory))
        {
            return;
        }

        var psi = new ProcessStartInfo("npm", "ci --no-audit --no-fund")
        {
            WorkingDirectory = toolsDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process npm;
        try
        {
            npm = Process.Start(psi) ?? throw new AzuriteException("npm could not be started.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new AzuriteException("npm was not found on PATH: install Node.js 20 or newer (it brings npm).", e);
        }

        using (npm)
        {
            var stdout = npm.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = npm.StandardError.ReadToEndAsync(cancellationToken);
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(timeout);
            try
            {
                await npm.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                npm.Kill(entireProcessTree: true);
                throw new AzuriteException($"'npm ci' in {toolsDirectory} did not finish within {timeout.TotalSeconds:0} s.");
            }

            if (npm.ExitCode != 0 || !IsInstalled(toolsDirectory))
            {
                throw new AzuriteException(
                    $"'npm ci' in {toolsDirectory} failed (exit {npm.ExitCode}):\n{await stderr}\n{await stdout}");
            }
        }
    }

    private static async Task<FileStream> AcquireLockAsync(string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (deadline.Elapsed < timeout)
            {
                await Task.Delay(250, cancellationToken);
            }
        }
    }
}
