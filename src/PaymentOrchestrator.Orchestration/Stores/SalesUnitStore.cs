using System.Globalization;
using PaymentOrchestrator.Domain.Values;
using Azure;
using Azure.Data.Tables;
using PaymentOrchestrator.Storage;
using PaymentOrchestrator.Vipps;
using PaymentOrchestrator.Vipps.Management;

namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>The sales-unit registry on Table Storage.</summary>
public sealed class SalesUnitStore(TableClient table, TimeProvider time)
{
    /// <summary>Reads and writes of one status change before it gives up on a row that keeps changing.</summary>
    private const int MaxWriteAttempts = 5;

    public async Task CreateTableIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        await table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>The sales unit, or null when the MSN is not registered.</summary>
    public async Task<SalesUnit?> GetAsync(Msn msn, CancellationToken cancellationToken = default)
    {
        var entity = await table.FindAsync<SalesUnitEntity>(SalesUnitEntity.Partition, msn.Value, cancellationToken: cancellationToken);
        return entity is null ? null : ToModel(entity);
    }

    /// <summary>
    /// Whether storage answers: one point read of a row that never exists (a health check for anyone, so it must cost the
    /// same whatever the registry's size). Throws when storage does not answer.
    /// </summary>
    public async Task ProbeAsync(CancellationToken cancellationToken = default) =>
        await table.FindAsync<SalesUnitEntity>(SalesUnitEntity.Partition, "health-probe", ["PartitionKey"], cancellationToken);

    /// <summary>Every registered sales unit, by MSN.</summary>
    public async Task<IReadOnlyList<SalesUnit>> ListAsync(CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {SalesUnitEntity.Partition}");
        var units = new List<SalesUnit>();
        await foreach (var entity in table.QueryAsync<SalesUnitEntity>(filter, cancellationToken: cancellationToken))
        {
            units.Add(ToModel(entity));
        }

        return units;
    }

    /// <summary>
    /// Registers a sales unit, or replaces the registration of one already registered: its name, market, bindings and
    /// what Vipps allows it are the registration's; its creation time is kept, and so is a disabling by hand (with its
    /// reason and time) — registering again must not let a unit the on-call engineer stopped take payments again. A
    /// disabling because Vipps no longer linked the unit is cleared: the registration has just found it linked. Written
    /// over the row as read (an insert for a new unit): a status change or refresh saving at the same moment is read
    /// again, not overwritten.
    /// </summary>
    /// <exception cref="InvalidOperationException">The row changed on every one of <see cref="MaxWriteAttempts"/> attempts.</exception>
    public async Task<SalesUnit> RegisterAsync(SalesUnitRegistration registration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        for (var attempt = 1; ; attempt++)
        {
            var existing = await GetAsync(registration.Msn, cancellationToken);
            var unit = Registered(registration, existing, time.GetUtcNow());
            if (await (existing is null ? TryAddAsync(unit, cancellationToken) : SaveIfUnchangedAsync(existing, unit, cancellationToken)) is { } saved)
            {
                return saved;
            }

            if (attempt == MaxWriteAttempts)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"Sales unit {registration.Msn} changed {MaxWriteAttempts} times while it was being registered; nothing was written. Try again."));
            }
        }
    }

    /// <summary>What registering <paramref name="registration"/> over <paramref name="existing"/> (null: a new unit) stores.</summary>
    private static SalesUnit Registered(SalesUnitRegistration registration, SalesUnit? existing, DateTimeOffset now)
    {
        var unit = new SalesUnit(
            registration.Msn,
            registration.Name,
            registration.Market,
            registration.Environment,
            registration.KeySetName,
            registration.AllowedSources,
            registration.Status,
            existing?.CreatedAt ?? now,
            now,
            registration.Rights,
            registration.BusinessIdentifier,
            registration.Capabilities);
        return existing is { IsActive: false, DisabledAsUnlinked: false }
            ? unit with { Status = existing.Status, DisabledReason = existing.DisabledReason, DisabledSince = existing.DisabledSince }
            : unit;
    }

    /// <summary>
    /// Sets the status; disabling stores <paramref name="reason"/> and the time (enabling clears them). False when the
    /// MSN is not registered. Written over the row as read (its ETag): a refresh saving at the same moment cannot undo
    /// it, nor it the refresh; a row changed in between is read again.
    /// </summary>
    public async Task<bool> SetStatusAsync(Msn msn, SalesUnitStatus status, string? reason = null, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await GetAsync(msn, cancellationToken) is not { } existing)
            {
                return false;
            }

            var next = status == SalesUnitStatus.Active ? Enabled(existing)
                : existing with { Status = status, DisabledReason = reason, DisabledSince = time.GetUtcNow(), DisabledAsUnlinked = false };
            if (await SaveIfUnchangedAsync(existing, next, cancellationToken) is not null)
            {
                return true;
            }

            if (attempt == MaxWriteAttempts)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"Sales unit {msn} changed {MaxWriteAttempts} times while its status was being set; nothing was written. Try again."));
            }
        }
    }

    /// <summary>
    /// Writes <paramref name="next"/> (a refresh from Vipps, a status change or a registration, decided from <paramref name="read"/>) only if the row is
    /// still the version that was read: a refresh must not undo what changed meanwhile (a unit disabled by hand while
    /// Vipps was asked). Null when the row changed or is gone, or <paramref name="read"/> was not read from the
    /// registry: nothing was written.
    /// </summary>
    public async Task<SalesUnit?> SaveIfUnchangedAsync(SalesUnit read, SalesUnit next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(next);
        return read.Version is { } version ? await TryReplaceAsync(next, new ETag(version), cancellationToken) : null;
    }

    /// <summary>Replaces the row if its ETag is still <paramref name="etag"/>, stamping the update time; null when it changed or is gone.</summary>
    private async Task<SalesUnit?> TryReplaceAsync(SalesUnit unit, ETag etag, CancellationToken cancellationToken)
    {
        var saved = unit with { UpdatedAt = time.GetUtcNow() };
        try
        {
            var response = await table.UpdateEntityAsync(ToEntity(saved), etag, TableUpdateMode.Replace, cancellationToken);
            return saved with { Version = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return null;
        }
    }

    /// <summary>Inserts a new unit's row; null when one was written meanwhile.</summary>
    private async Task<SalesUnit?> TryAddAsync(SalesUnit unit, CancellationToken cancellationToken)
    {
        try
        {
            var response = await table.AddEntityAsync(ToEntity(unit), cancellationToken);
            return unit with { Version = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

    /// <summary>The unit active again, with its disabling forgotten.</summary>
    public static SalesUnit Enabled(SalesUnit unit) =>
        unit with { Status = SalesUnitStatus.Active, DisabledReason = null, DisabledSince = null, DisabledAsUnlinked = false };

    private static SalesUnitEntity ToEntity(SalesUnit unit) => new()
    {
        RowKey = unit.Msn.Value,
        Name = unit.Name,
        Market = unit.Market.ToString(),
        Environment = unit.Environment.ToString(),
        KeySetName = unit.KeySetName,
        AllowedSources = string.Join('\n', unit.AllowedSources),
        SourceRights = unit.Rights is null ? string.Empty
            : string.Join('\n', unit.Rights.Select(r => r.Key + "\t" + SourceRightsRules.Format(r.Value))),
        Status = unit.Status.ToString(),
        BusinessIdentifierScheme = unit.BusinessIdentifier?.Scheme,
        BusinessIdentifierId = unit.BusinessIdentifier?.Id,
        HasCapabilities = unit.Capabilities is null ? null : true,
        PaymentAllowed = unit.Capabilities?.PaymentAllowed,
        CaptureType = unit.Capabilities?.CaptureType?.ToString(),
        SkipLandingPageAllowed = unit.Capabilities?.SkipLandingPageAllowed,
        RecurringAllowed = unit.Capabilities?.RecurringAllowed,
        DisabledReason = unit.DisabledReason,
        DisabledSince = unit.DisabledSince,
        DisabledAsUnlinked = unit.DisabledAsUnlinked ? true : null,
        CreatedAt = unit.CreatedAt,
        UpdatedAt = unit.UpdatedAt,
    };

    /// <summary>Null when the row stores no rights (written before rights existed): every binding then has every right.</summary>
    private static Dictionary<string, SourceRights>? ReadRights(SalesUnitEntity entity)
    {
        if (string.IsNullOrEmpty(entity.SourceRights))
        {
            return null;
        }

        var rights = new Dictionary<string, SourceRights>(StringComparer.Ordinal);
        foreach (var line in entity.SourceRights.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            rights[tab < 0 ? line : line[..tab]] = tab < 0 ? SourceRights.None : SourceRightsRules.Parse(line[(tab + 1)..]) ?? SourceRights.None;
        }

        return rights;
    }

    private static SalesUnit ToModel(SalesUnitEntity entity)
    {
        var msn = Msn.Create(entity.RowKey);
        if (!msn.IsValid
            || !Enum.TryParse<Market>(entity.Market, out var market)
            || !Enum.TryParse<VippsEnvironment>(entity.Environment, out var environment)
            || !Enum.TryParse<SalesUnitStatus>(entity.Status, out var status))
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"The sales-unit row '{entity.RowKey}' is corrupt (market '{entity.Market}', environment '{entity.Environment}', status '{entity.Status}')."));
        }

        var sources = entity.AllowedSources.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new SalesUnit(msn.Value, entity.Name, market, environment, entity.KeySetName, sources, status, entity.CreatedAt, entity.UpdatedAt,
            ReadRights(entity),
            entity is { BusinessIdentifierScheme: { } scheme, BusinessIdentifierId: { } id } ? new BusinessIdentifier(scheme, id) : null,
            entity.HasCapabilities == true
                ? new SalesUnitConfiguration
                {
                    PaymentAllowed = entity.PaymentAllowed,
                    CaptureType = Enum.TryParse<CaptureType>(entity.CaptureType, out var captureType) ? captureType : null,
                    SkipLandingPageAllowed = entity.SkipLandingPageAllowed,
                    RecurringAllowed = entity.RecurringAllowed,
                }
                : null,
            entity.DisabledReason,
            entity.DisabledSince,
            entity.DisabledAsUnlinked == true)
        {
            Version = entity.ETag.ToString(),
        };
    }
}
