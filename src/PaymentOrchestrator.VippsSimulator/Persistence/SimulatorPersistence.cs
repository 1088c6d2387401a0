using System.Text.Json;
using System.Text.Json.Serialization;
using PaymentOrchestrator.VippsSimulator.Clock;
using PaymentOrchestrator.VippsSimulator.Epayment;
using PaymentOrchestrator.VippsSimulator.Infrastructure;
using PaymentOrchestrator.VippsSimulator.Management;
using PaymentOrchestrator.VippsSimulator.Recurring;
using PaymentOrchestrator.VippsSimulator.Report;
using PaymentOrchestrator.VippsSimulator.Userinfo;
using PaymentOrchestrator.VippsSimulator.Webhooks;

namespace PaymentOrchestrator.VippsSimulator.Persistence;

/// <summary>
/// Keeps the simulator's state in <see cref="SimulatorOptions.StateFile"/> when one is set: payments, agreements,
/// charges, idempotency records, webhook registrations, the clock offset, the PSP sequence and the settled captures and
/// refunds the Report API shows (with injected drops and amount changes), and the customer's profile-sharing consents
/// (which scope, which sales unit, when: the claims themselves come from the configured test person), and the
/// product orders (with the sales units completed ones created, which are re-created on load), as one JSON snapshot. Ledger layouts and
/// consent changed through the admin API are not kept (test tools; the defaults come back).
/// The snapshot is written before the answer to every changing request leaves (and after a sweep changed something),
/// to a temporary file renamed over the old one, so a process killed at any moment leaves either the old or the new
/// snapshot and every answer a caller received is in it. Tokens, counters and faults are not kept: callers fetch a
/// new token, and counters and faults belong to one test.
/// </summary>
internal sealed class SimulatorPersistence(
    SimulatorOptions options,
    SimulatorState state,
    EpaymentService epayment,
    RecurringService recurring,
    IdempotencyStore idempotency,
    WebhookDispatcher webhooks,
    SettlementBook settlements,
    ConsentBook consents,
    ProductOrderBook productOrders,
    SimulatorClock clock,
    IdGenerator ids)
{
    private const int FormatVersion = 1;
    private static readonly JsonSerializerOptions Json = CreateJson();
    private readonly Lock _writeGate = new();
    private string? _written;

    public bool Enabled => options.StateFile is not null;

    /// <summary>Loads the state file if it exists (at start, before the first request).</summary>
    public void Load()
    {
        if (options.StateFile is not { } path || !File.Exists(path))
        {
            return;
        }

        var text = File.ReadAllText(path);
        var snapshot = JsonSerializer.Deserialize<SimulatorSnapshot>(text, Json)
            ?? throw new InvalidOperationException($"The simulator state file '{path}' is empty.");
        if (snapshot.Version != FormatVersion)
        {
            throw new InvalidOperationException($"The simulator state file '{path}' has format {snapshot.Version}; this simulator reads {FormatVersion}. Delete it to start empty.");
        }

        lock (state.Gate)
        {
            epayment.Import(snapshot.Payments);
            recurring.Import(snapshot.Agreements, snapshot.Charges);
            idempotency.Import(snapshot.Idempotency);
            clock.Offset = snapshot.ClockOffset;
            ids.PspSequence = Math.Max(ids.PspSequence, snapshot.PspSequence);
            if (snapshot.Settlements is { } settled)
            {
                settlements.Import(settled);
            }

            consents.Import(snapshot.Consents ?? []);
            productOrders.Import(snapshot.ProductOrders ?? []);
        }

        foreach (var w in snapshot.Webhooks)
        {
            webhooks.Register(w.Url, w.Events, w.Secret, w.Id, w.OwnerClientId, w.Msn);
        }

        _written = text;
    }

    /// <summary>Writes the snapshot when it differs from the last one written.</summary>
    public void Save()
    {
        if (options.StateFile is not { } path)
        {
            return;
        }

        lock (_writeGate)
        {
            SimulatorSnapshot snapshot;
            lock (state.Gate)
            {
                var (agreements, charges) = recurring.Export();
                snapshot = new SimulatorSnapshot(
                    FormatVersion,
                    clock.Offset,
                    ids.PspSequence,
                    epayment.Export(),
                    agreements,
                    charges,
                    idempotency.Export(),
                    [.. webhooks.All().Select(r => new WebhookRecord(r.Id, r.Url, r.Events, r.Secret, r.OwnerClientId, r.Msn))],
                    settlements.Export(),
                    consents.Export(),
                    productOrders.Export());
                var text = JsonSerializer.Serialize(snapshot, Json);
                if (text == _written)
                {
                    return;
                }

                _written = text;
            }

            var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
            Directory.CreateDirectory(directory);
            var temporary = path + ".tmp";
            File.WriteAllText(temporary, _written);
            File.Move(temporary, path, overwrite: true);
        }
    }

    private static JsonSerializerOptions CreateJson()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        json.Converters.Add(new JsonStringEnumConverter());
        json.MakeReadOnly(populateMissingResolver: true);
        return json;
    }
}

internal sealed record SimulatorSnapshot(
    int Version,
    TimeSpan ClockOffset,
    long PspSequence,
    IReadOnlyList<Payment> Payments,
    IReadOnlyList<Agreement> Agreements,
    IReadOnlyList<Charge> Charges,
    IReadOnlyList<IdempotencyRecord> Idempotency,
    IReadOnlyList<WebhookRecord> Webhooks,
    SettlementSnapshot? Settlements = null,
    IReadOnlyList<ConsentGrant>? Consents = null,
    IReadOnlyList<SimulatorProductOrder>? ProductOrders = null);

internal sealed record WebhookRecord(Guid Id, Uri Url, IReadOnlyList<string> Events, string Secret, string OwnerClientId, string? Msn);
