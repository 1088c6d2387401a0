using System.Globalization;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Vipps.Management;

namespace PaymentOrchestrator.Orchestration.SalesUnits;

/// <summary>
/// The comparison of our registry with Vipps, without I/O: each registered unit against what Vipps answered for its
/// MSN, and each unit linked to the partner that is not registered. It says what a refresh does — update the name,
/// business identifier and capabilities; disable a unit Vipps no longer shows to our keys, with the reason; enable a
/// unit a refresh disabled as unlinked once Vipps links it again — and never registers a new unit (that needs its
/// sources and their rights, which only a person can give). A unit disabled by hand stays disabled; a unit is disabled
/// only when its lookup and the list of linked units both leave it out, and never every active unit at once.
/// </summary>
public static class SalesUnitSync
{
    /// <param name="registered">Our registry.</param>
    /// <param name="linked">The units Vipps lists as linked to the partner, or null when the list could not be read.</param>
    /// <param name="lookups">What Vipps answered per MSN (every registered one; linked ones too, for their details).</param>
    /// <param name="now">When the comparison is made (the time a disabled unit is disabled since).</param>
    public static IReadOnlyList<SalesUnitSyncRow> Compare(
        IReadOnlyList<SalesUnit> registered,
        IReadOnlyList<SalesUnitSummary>? linked,
        IReadOnlyDictionary<string, SalesUnitResult> lookups,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(registered);
        ArgumentNullException.ThrowIfNull(lookups);
        var listed = linked?.Select(l => l.Msn).ToHashSet(StringComparer.Ordinal);
        var rows = registered.Select(unit => Row(unit, lookups.GetValueOrDefault(unit.Msn.Value), listed, now)).ToList();
        var known = registered.Select(u => u.Msn.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var summary in linked ?? [])
        {
            if (known.Add(summary.Msn))
            {
                var details = lookups.GetValueOrDefault(summary.Msn) is SalesUnitFound found ? found.SalesUnit : new SalesUnitDetails { Msn = summary.Msn, Name = summary.Name };
                rows.Add(new SalesUnitSyncRow(summary.Msn, SalesUnitSyncStatus.NewAtVipps, SalesUnitSyncAction.None, null, details, null,
                    "Linked to our keys at Vipps, not registered: register it with its sources to take its events."));
            }
        }

        return [.. HoldMassDisable(rows).OrderBy(r => r.Msn, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Never every unit at once: when every active registered unit (two or more) would be disabled in one refresh, our
    /// keys are the likelier cause (management keys of another partner, a key set mapped wrongly) than every merchant
    /// unlinking us, and stopping every payment would be the wrong answer to that. Those rows stay as they are, with the
    /// reason, for a person to look at.
    /// </summary>
    private static List<SalesUnitSyncRow> HoldMassDisable(List<SalesUnitSyncRow> rows)
    {
        var disabling = rows.Count(r => r.Action == SalesUnitSyncAction.Disable);
        return disabling >= 2 && disabling == rows.Count(r => r.Registered is { IsActive: true })
            ? [.. rows.Select(r => r.Action == SalesUnitSyncAction.Disable
                ? Hold(r, $"Vipps refused all {disabling} active registered units at once — more likely our Management API keys (Vipps:ManagementKeySet, Vipps:PartnerKeySet) than every merchant unlinking us")
                : r)]
            : rows;
    }

    private static SalesUnitSyncRow Hold(SalesUnitSyncRow row, string why) =>
        row with { Status = SalesUnitSyncStatus.NotRead, Action = SalesUnitSyncAction.None, Refreshed = null, Note = $"Not disabled: {why}. Check it, then sync again." };

    /// <summary>Why a unit Vipps does not show to our keys is disabled (stored as its reason).</summary>
    public static string NotLinkedReason(SalesUnitUnavailable unavailable)
    {
        ArgumentNullException.ThrowIfNull(unavailable);
        return string.Create(CultureInfo.InvariantCulture,
            $"no longer linked to our partner keys at Vipps (Vipps answered {unavailable.Status}: {unavailable.Reason})");
    }

    /// <param name="listed">The MSNs Vipps lists as linked, or null when the list could not be read: a unit is disabled
    /// only when both the list and its own lookup leave it out, so an answer of the Management API that is wrong for
    /// every unit (a 404 from a wrong address) never disables them all.</param>
    private static SalesUnitSyncRow Row(SalesUnit unit, SalesUnitResult? atVipps, IReadOnlySet<string>? listed, DateTimeOffset now)
    {
        var msn = unit.Msn.Value;
        switch (atVipps)
        {
            case SalesUnitFound { SalesUnit: var vipps }:
                var refreshed = unit with
                {
                    Name = vipps.Name,
                    BusinessIdentifier = vipps.BusinessIdentifier ?? unit.BusinessIdentifier,
                    Capabilities = vipps.Configuration,
                };
                var changes = Changes(unit, refreshed);
                if (unit is { IsActive: false, DisabledAsUnlinked: true })
                {
                    return new SalesUnitSyncRow(msn, SalesUnitSyncStatus.Registered, SalesUnitSyncAction.Enable, unit, vipps, SalesUnitStore.Enabled(refreshed),
                        "Linked to our keys again: enabled" + (changes.Length > 0 ? "; " + changes : "") + ".");
                }

                return changes.Length > 0
                    ? new SalesUnitSyncRow(msn, SalesUnitSyncStatus.Registered, SalesUnitSyncAction.Update, unit, vipps, refreshed, "Changed at Vipps: " + changes + ".")
                    : new SalesUnitSyncRow(msn, SalesUnitSyncStatus.Registered, SalesUnitSyncAction.None, unit, vipps, null,
                        unit.IsActive ? "Up to date." : $"Up to date; {unit.DisabledWhy}.");
            case SalesUnitUnavailable unavailable when listed is null || listed.Contains(msn):
                return new SalesUnitSyncRow(msn, SalesUnitSyncStatus.NotRead, SalesUnitSyncAction.None, unit, null, null, listed is null
                    ? $"Vipps answered {unavailable.Status} for it, but the units linked to our keys could not be listed: left as it is."
                    : $"Vipps lists it as linked but answered {unavailable.Status} for it: left as it is.");
            case SalesUnitUnavailable unavailable:
                return unit.IsActive
                    ? new SalesUnitSyncRow(msn, SalesUnitSyncStatus.NoLongerLinked, SalesUnitSyncAction.Disable, unit, null,
                        unit with { Status = SalesUnitStatus.Disabled, DisabledReason = NotLinkedReason(unavailable), DisabledSince = now, DisabledAsUnlinked = true },
                        $"Vipps no longer shows it to our keys ({unavailable.Status}): disabled, no new money moves for it.")
                    : new SalesUnitSyncRow(msn, SalesUnitSyncStatus.NoLongerLinked, SalesUnitSyncAction.None, unit, null, null, $"Not linked at Vipps; {unit.DisabledWhy}.");
            case SalesUnitLookupFailed failed:
                return new SalesUnitSyncRow(msn, SalesUnitSyncStatus.NotRead, SalesUnitSyncAction.None, unit, null, null, "Not read from Vipps: " + failed.Reason);
            default:
                return new SalesUnitSyncRow(msn, SalesUnitSyncStatus.NotRead, SalesUnitSyncAction.None, unit, null, null, "Not read from Vipps.");
        }
    }

    /// <summary><c>name 'A' → 'B', capabilities ReserveCapture, … → DirectCapture, …</c>, or empty.</summary>
    private static string Changes(SalesUnit before, SalesUnit after)
    {
        var changes = new List<string>();
        if (!string.Equals(before.Name, after.Name, StringComparison.Ordinal))
        {
            changes.Add($"name '{before.Name}' → '{after.Name}'");
        }

        if (before.BusinessIdentifier != after.BusinessIdentifier || before.Capabilities != after.Capabilities)
        {
            changes.Add($"{SalesUnitCapabilities.Describe(before)} → {SalesUnitCapabilities.Describe(after)}");
        }

        return string.Join(", ", changes);
    }
}
