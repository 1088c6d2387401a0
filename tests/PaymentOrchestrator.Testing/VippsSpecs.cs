namespace PaymentOrchestrator.Testing;

/// <summary>
/// Finds the official Vipps MobilePay OpenAPI files: <c>shared/vipps-specs</c> beside the repository (as on the
/// developers' machines and in CI), found by walking up from the test's folder, or the folder named by the environment
/// variable <c>VIPPS_SPECS_DIR</c>.
/// </summary>
public static class VippsSpecs
{
    private static readonly Lazy<string> Located = new(Locate);

    public static string Directory => Located.Value;

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable("VIPPS_SPECS_DIR") is { Length: > 0 } configured)
        {
            return File.Exists(Path.Combine(configured, "epayment-v1.yaml"))
                ? configured
                : throw new DirectoryNotFoundException($"VIPPS_SPECS_DIR='{configured}' holds no epayment-v1.yaml.");
        }

        foreach (var start in new[] { AppContext.BaseDirectory, System.IO.Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "vipps-specs");
                if (File.Exists(Path.Combine(candidate, "epayment-v1.yaml")))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException(
            "The Vipps OpenAPI files were not found: expected shared/vipps-specs beside the repository, or set VIPPS_SPECS_DIR.");
    }
}
