using System.CommandLine;

namespace PaymentOrchestrator.Local.Cli;

/// <summary><c>--dashboard</c> of <c>run</c> and <c>demo</c>: the same as the setting <c>Local:Telemetry:Dashboard=true</c>.</summary>
internal static class DashboardFlag
{
    public const string SettingKey = "Local:Telemetry:Dashboard";

    public static Option<bool> Create() => new("--dashboard")
    {
        Description = "Start the Aspire dashboard (from its NuGet package) and send the host's traces, metrics and logs to it; its URL is printed.",
    };

    /// <summary>Adds the setting to <paramref name="settings"/> when the flag is given.</summary>
    public static void Apply(ParseResult parse, Option<bool> flag, IDictionary<string, string?> settings)
    {
        if (parse.GetValue(flag))
        {
            settings[SettingKey] = "true";
        }
    }
}
