using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using PaymentOrchestrator.VippsSimulator.Tests.Support;

namespace PaymentOrchestrator.VippsSimulator.Tests.Report;

/// <summary>
/// A simulator on a fake clock that starts at 2026-12-01 10:00 UTC (11:00 in Oslo), tokens that outlive day jumps,
/// and helpers to move money and read the Report API as the default accounting keys.
/// </summary>
public abstract class ReportScenario : IAsyncLifetime
{
    protected static readonly DateOnly Day1 = new(2026, 12, 1);
    protected static readonly string NorwayLedger = SimulatorDefaults.DefaultLedgerId(SimulatorDefaults.NorwayMsn);

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));

    protected SimulatorHost Host { get; private set; } = null!;

    internal VippsCaller Partner { get; private set; } = null!;

    internal VippsCaller Accounting { get; private set; } = null!;

    protected virtual SimulatorOptions Options => new() { RateLimitsEnabled = false, RandomSeed = 7, TimeProvider = Time, TokenLifetime = TimeSpan.FromDays(60), PaymentExpiry = TimeSpan.FromDays(1) };

    public async Task InitializeAsync()
    {
        Host = await SimulatorHost.StartAsync(Options);
        Partner = VippsCaller.Partner(Host);
        Accounting = VippsCaller.Accounting(Host);
    }

    public async Task DisposeAsync()
    {
        Partner.Dispose();
        Accounting.Dispose();
        await Host.DisposeAsync();
    }

    /// <summary>An authorized ePayment payment captured for <paramref name="capture"/>; returns (reference, capture pspReference).</summary>
    internal async Task<(string Reference, string PspReference)> CaptureAsync(long capture, long authorized = 0, VippsCaller? caller = null, string currency = "NOK")
    {
        caller ??= Partner;
        var reference = await Payments.CreateAuthorizedAsync(Host, caller, Math.Max(authorized, capture), currency);
        using var response = await caller.PostAsync($"epayment/v1/payments/{reference}/capture", Payments.Modification(capture, currency), Payments.NewKey());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (reference, (await response.ReadAsync())["pspReference"]!.GetValue<string>());
    }

    internal async Task<string> RefundAsync(string reference, long amount)
    {
        using var response = await Partner.PostAsync($"epayment/v1/payments/{reference}/refund", Payments.Modification(amount), Payments.NewKey());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadAsync())["pspReference"]!.GetValue<string>();
    }

    /// <summary>Moves the simulator clock (and its fake base) to <paramref name="at"/>.</summary>
    protected async Task MoveToAsync(DateTimeOffset at)
    {
        var now = await Host.Admin.GetTimeAsync();
        if (at > now)
        {
            await Host.Admin.AdvanceClockAsync(at - now);
        }
    }

    internal static string DateText(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static async Task<(HttpStatusCode Status, JsonNode? Body)> DateAsync(VippsCaller caller, string ledgerId, string topic, DateOnly date, string? cursor = null)
    {
        using var response = await caller.GetAsync($"report/v2/ledgers/{ledgerId}/{topic}/dates/{DateText(date)}" + (cursor is null ? "" : "?cursor=" + Uri.EscapeDataString(cursor)));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, string.IsNullOrEmpty(text) ? null : JsonNode.Parse(text));
    }

    /// <summary>Every entry of a closed date, following cursors.</summary>
    internal static async Task<List<JsonNode>> AllEntriesAsync(VippsCaller caller, string ledgerId, string topic, DateOnly date)
    {
        var entries = new List<JsonNode>();
        string? cursor = null;
        do
        {
            var (status, body) = await DateAsync(caller, ledgerId, topic, date, cursor);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.False(body!["tryLater"]!.GetValue<bool>());
            entries.AddRange(body["items"]!.AsArray().Select(i => i!));
            cursor = body["hasMore"]?.GetValue<bool>() == true ? body["cursor"]!.GetValue<string>() : null;
        }
        while (cursor is not null);
        return entries;
    }

    internal static IEnumerable<JsonNode> OfType(IEnumerable<JsonNode> entries, string type) =>
        entries.Where(e => e["entryType"]!.GetValue<string>() == type);
}
