using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using PaymentOrchestrator.Vipps.Management;

namespace PaymentOrchestrator.Orchestration.Onboarding;

/// <summary>The onboardings on Table Storage (table <c>onboardings</c>), one partition per partner and environment.</summary>
public sealed class OnboardingStore(TableClient table)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task CreateTableIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        await table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>Writes a new onboarding; throws if the id is taken. Returns it with the row's ETag.</summary>
    public async Task<Onboarding> AddAsync(Onboarding onboarding, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onboarding);
        var response = await table.AddEntityAsync(ToEntity(onboarding), cancellationToken);
        return onboarding with { Version = response.Headers.ETag ?? default };
    }

    /// <summary>
    /// Replaces the onboarding with its next value if the row is still the one it was loaded from (else a
    /// <see cref="RequestFailedException"/> with status 412). Returns it with the new ETag.
    /// </summary>
    public async Task<Onboarding> SaveAsync(Onboarding onboarding, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onboarding);
        var response = await table.UpdateEntityAsync(ToEntity(onboarding), onboarding.Version == default ? ETag.All : onboarding.Version, TableUpdateMode.Replace, cancellationToken);
        return onboarding with { Version = response.Headers.ETag ?? default };
    }

    /// <summary>The partner's onboardings, newest first (ids start with the time).</summary>
    public async Task<IReadOnlyList<Onboarding>> ListAsync(string partner, CancellationToken cancellationToken = default)
    {
        var all = new List<Onboarding>();
        await foreach (var entity in table.QueryAsync<OnboardingEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partner}"), cancellationToken: cancellationToken))
        {
            all.Add(ToModel(entity));
        }

        return [.. all.OrderByDescending(o => o.Id, StringComparer.Ordinal)];
    }

    private static OnboardingEntity ToEntity(Onboarding o) => new()
    {
        PartitionKey = o.Partner,
        RowKey = o.Id,
        Status = o.Status.ToString(),
        OrganizationNumber = o.Request.BusinessIdentifier.Id,
        Request = JsonSerializer.Serialize(o.Request, Json),
        IdempotencyKey = o.IdempotencyKey.Value,
        StartedAt = o.StartedAt,
        UnitsAtStart = string.Join(',', o.UnitsAtStart),
        History = JsonSerializer.Serialize(o.History, Json),
        OrderId = o.OrderId,
        PrefillUrl = o.PrefillUrl?.ToString(),
        Msn = o.Msn,
        Checks = o.Checks,
        LastCheckedAt = o.LastCheckedAt,
        Reason = o.Reason,
    };

    private static Onboarding ToModel(OnboardingEntity e) => new()
    {
        Id = e.RowKey,
        Partner = e.PartitionKey,
        Request = JsonSerializer.Deserialize<ProductOrderRequest>(e.Request, Json)!,
        Status = Enum.Parse<OnboardingStatus>(e.Status),
        StartedAt = e.StartedAt,
        UnitsAtStart = e.UnitsAtStart.Split(',', StringSplitOptions.RemoveEmptyEntries),
        History = JsonSerializer.Deserialize<List<OnboardingStep>>(e.History, Json) ?? [],
        OrderId = e.OrderId,
        PrefillUrl = e.PrefillUrl is null ? null : new Uri(e.PrefillUrl),
        Msn = e.Msn,
        Checks = e.Checks,
        LastCheckedAt = e.LastCheckedAt,
        Reason = e.Reason,
        Version = e.ETag,
    };
}
