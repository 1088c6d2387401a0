using System.Globalization;
using System.Net;
using PaymentOrchestrator.VippsSimulator.Infrastructure;

namespace PaymentOrchestrator.VippsSimulator;

/// <summary>Typed client of the simulator's <c>/simulator/</c> admin endpoints (one method per endpoint).</summary>
public sealed class SimulatorAdminClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsClient;

    /// <summary>Uses <paramref name="httpClient"/>, whose BaseAddress must be the simulator root. Not disposed by this client.</summary>
    public SimulatorAdminClient(HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        if (httpClient.BaseAddress is null)
        {
            throw new ArgumentException("The HttpClient needs a BaseAddress (the simulator root).", nameof(httpClient));
        }

        _http = httpClient;
    }

    /// <summary>Creates and owns an HttpClient for the simulator at <paramref name="baseAddress"/>.</summary>
    public SimulatorAdminClient(Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        _http = new HttpClient { BaseAddress = baseAddress };
        _ownsClient = true;
    }

    /// <summary>The simulated customer approves a CREATED payment (optionally as <paramref name="phoneNumber"/>).</summary>
    public Task ApprovePaymentAsync(string msn, string reference, string? phoneNumber = null, CancellationToken cancellationToken = default) =>
        PostAsync($"simulator/payments/{Esc(msn)}/{Esc(reference)}/approve", new { phoneNumber }, cancellationToken);

    /// <summary>The simulated customer rejects a CREATED payment: it becomes ABORTED.</summary>
    public Task RejectPaymentAsync(string msn, string reference, CancellationToken cancellationToken = default) =>
        PostAsync($"simulator/payments/{Esc(msn)}/{Esc(reference)}/reject", null, cancellationToken);

    /// <summary>
    /// The simulated customer declines to share the details the payment's <c>profile.scope</c> asks for: as at Vipps,
    /// the customer then cannot pay and the payment becomes ABORTED (no <c>sub</c>). 409 when no scope was asked for.
    /// </summary>
    public Task DeclinePaymentAsync(string msn, string reference, CancellationToken cancellationToken = default) =>
        PostAsync($"simulator/payments/{Esc(msn)}/{Esc(reference)}/decline", null, cancellationToken);

    /// <summary>The simulated customer does nothing: the CREATED payment becomes EXPIRED now.</summary>
    public Task ExpirePaymentAsync(string msn, string reference, CancellationToken cancellationToken = default) =>
        PostAsync($"simulator/payments/{Esc(msn)}/{Esc(reference)}/expire", null, cancellationToken);

    /// <summary>The simulated customer accepts a PENDING agreement (optionally as <paramref name="phoneNumber"/>).</summary>
    public Task AcceptAgreementAsync(string msn, string agreementId, string? phoneNumber = null, CancellationToken cancellationToken = default) =>
        PostAsync($"simulator/agreements/{Esc(msn)}/{Esc(agreementId)}/accept", new { phoneNumber }, cancellationToken);

    /// <summary>The simulated customer rejects a PENDING agreement: it becomes STOPPED.</summary>
    public Task RejectAgreementAsync(string msn, string agreementId, CancellationToken cancellationToken = default) =>
        PostAsync($"simulator/agreements/{Esc(msn)}/{Esc(agreementId)}/reject", null, cancellationToken);

    /// <summary>
    /// The simulated customer declines to share the details the agreement's <c>scope</c> asks for: the agreement is
    /// rejected (STOPPED, no <c>sub</c>). 409 when no scope was asked for.
    /// </summary>
    public Task DeclineAgreementAsync(string msn, string agreementId, CancellationToken cancellationToken = default) =>
        PostAsync($"simulator/agreements/{Esc(msn)}/{Esc(agreementId)}/decline", null, cancellationToken);

    /// <summary>
    /// Ends the customer's consents for <paramref name="sub"/> at <paramref name="msn"/> now, as if consent was withdrawn
    /// and the 168 hours Vipps keeps the details had passed: the Userinfo API then answers 404 for it.
    /// </summary>
    public async Task WithdrawUserinfoConsentAsync(string msn, string sub, CancellationToken cancellationToken = default)
    {
        using var response = await _http.DeleteAsync(new Uri($"simulator/userinfo/{Esc(msn)}/{Esc(sub)}", UriKind.Relative), cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>The simulated customer does nothing: the PENDING agreement becomes EXPIRED now.</summary>
    public Task ExpireAgreementAsync(string msn, string agreementId, CancellationToken cancellationToken = default) =>
        PostAsync($"simulator/agreements/{Esc(msn)}/{Esc(agreementId)}/expire", null, cancellationToken);

    /// <summary>
    /// Decides how a Recurring charge's processing attempts end: <paramref name="failureReason"/> (user_action_required,
    /// charge_amount_too_high, non_technical_error, technical_error) for the first <paramref name="failAttempts"/> attempts
    /// (null = all), then success. A null reason makes every attempt succeed again.
    /// </summary>
    public Task SetChargeOutcomeAsync(string msn, string chargeId, string? failureReason, int? failAttempts = null, CancellationToken cancellationToken = default) =>
        PostAsync($"simulator/charges/{Esc(msn)}/{Esc(chargeId)}/outcome", new { failureReason, failAttempts }, cancellationToken);

    /// <summary>Adds a fault rule (<c>POST /simulator/faults</c>).</summary>
    public Task AddFaultAsync(FaultRule rule, CancellationToken cancellationToken = default) =>
        PostAsync("simulator/faults", rule, cancellationToken);

    /// <summary>Removes every fault rule (<c>DELETE /simulator/faults</c>).</summary>
    public async Task ClearFaultsAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _http.DeleteAsync(new Uri("simulator/faults", UriKind.Relative), cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>Reads the counters (<c>GET /simulator/counters</c>).</summary>
    public Task<SimulatorCounters> GetCountersAsync(CancellationToken cancellationToken = default) =>
        GetAsync<SimulatorCounters>("simulator/counters", cancellationToken);

    /// <summary>Sets every counter back to zero.</summary>
    public Task ResetCountersAsync(CancellationToken cancellationToken = default) =>
        PostAsync("simulator/counters/reset", null, cancellationToken);

    /// <summary>Moves the simulator clock forward and runs everything that became due; returns the new time.</summary>
    public async Task<DateTimeOffset> AdvanceClockAsync(TimeSpan by, CancellationToken cancellationToken = default)
    {
        using var response = await _http.PostAsJsonAsync(new Uri("simulator/clock/advance", UriKind.Relative), new { seconds = by.TotalSeconds }, SimulatorJson.Options, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<ClockBody>(SimulatorJson.Options, cancellationToken))!.Now;
    }

    /// <summary>The simulator clock's current time.</summary>
    public async Task<DateTimeOffset> GetTimeAsync(CancellationToken cancellationToken = default) =>
        (await GetAsync<ClockBody>("simulator/clock", cancellationToken)).Now;

    /// <summary>Adds (or replaces) a sales unit.</summary>
    public Task AddSalesUnitAsync(SalesUnitDefinition salesUnit, CancellationToken cancellationToken = default) =>
        PostAsync("simulator/sales-units", salesUnit, cancellationToken);

    /// <summary>
    /// Unlinks the sales unit from every partner and management key set (<c>POST /simulator/sales-units/{msn}/unlink</c>),
    /// as a merchant does in the business portal; <see cref="LinkSalesUnitAsync"/> links it again.
    /// </summary>
    public Task UnlinkSalesUnitAsync(string msn, CancellationToken cancellationToken = default) =>
        PostAsync($"simulator/sales-units/{Esc(msn)}/unlink", null, cancellationToken);

    /// <summary>Links the sales unit to every partner and management key set.</summary>
    public Task LinkSalesUnitAsync(string msn, CancellationToken cancellationToken = default) =>
        PostAsync($"simulator/sales-units/{Esc(msn)}/link", null, cancellationToken);

    /// <summary>Adds (or replaces) an API key set.</summary>
    public Task AddKeySetAsync(KeySetDefinition keySet, CancellationToken cancellationToken = default) =>
        PostAsync("simulator/key-sets", keySet, cancellationToken);

    /// <summary>Changes runtime settings (mode, auto-approve, rate limits, lifetimes); returns the settings now in force.</summary>
    public async Task<SimulatorSettingsUpdate> UpdateSettingsAsync(SimulatorSettingsUpdate settings, CancellationToken cancellationToken = default)
    {
        using var response = await _http.PutAsJsonAsync(new Uri("simulator/settings", UriKind.Relative), settings, SimulatorJson.Options, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<SimulatorSettingsUpdate>(SimulatorJson.Options, cancellationToken))!;
    }

    /// <summary>The runtime settings now in force.</summary>
    public Task<SimulatorSettingsUpdate> GetSettingsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<SimulatorSettingsUpdate>("simulator/settings", cancellationToken);

    /// <summary>The settlement ledgers and how each settles (<c>GET /simulator/report/ledgers</c>).</summary>
    public async Task<IReadOnlyList<LedgerDefinition>> GetLedgersAsync(CancellationToken cancellationToken = default) =>
        await GetAsync<List<LedgerDefinition>>("simulator/report/ledgers", cancellationToken);

    /// <summary>
    /// Creates or changes a ledger (<c>PUT /simulator/report/ledgers/{ledgerId}</c>): e.g. one ledger settling several
    /// MSNs, gross settlement, a 04:00 cut-off. Returns the ledger now in force.
    /// </summary>
    public async Task<LedgerDefinition> ConfigureLedgerAsync(string ledgerId, LedgerDefinition ledger, CancellationToken cancellationToken = default)
    {
        using var response = await _http.PutAsJsonAsync(new Uri($"simulator/report/ledgers/{Esc(ledgerId)}", UriKind.Relative), ledger, SimulatorJson.Options, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<LedgerDefinition>(SimulatorJson.Options, cancellationToken))!;
    }

    /// <summary>The merchant of <paramref name="msn"/> grants the accounting key set <paramref name="clientId"/> access to its settlements.</summary>
    public async Task GrantReportConsentAsync(string clientId, string msn, CancellationToken cancellationToken = default)
    {
        using var response = await _http.PutAsync(new Uri($"simulator/report/consents/{Esc(clientId)}/{Esc(msn)}", UriKind.Relative), null, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>The merchant of <paramref name="msn"/> withdraws the accounting key set's access.</summary>
    public async Task RevokeReportConsentAsync(string clientId, string msn, CancellationToken cancellationToken = default)
    {
        using var response = await _http.DeleteAsync(new Uri($"simulator/report/consents/{Esc(clientId)}/{Esc(msn)}", UriKind.Relative), cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>A capture made outside the orchestrator (in the portal), settled now; returns its pspReference.</summary>
    public async Task<string> AddPortalCaptureAsync(string msn, string reference, long amount, CancellationToken cancellationToken = default)
    {
        using var response = await _http.PostAsJsonAsync(new Uri("simulator/report/portal-captures", UriKind.Relative), new { msn, reference, amount }, SimulatorJson.Options, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<PortalCaptureBody>(SimulatorJson.Options, cancellationToken))!.PspReference;
    }

    /// <summary>Leaves the capture or refund <paramref name="pspReference"/> (and its fee) out of the reports.</summary>
    public Task DropSettlementEntryAsync(string pspReference, CancellationToken cancellationToken = default) =>
        PostAsync($"simulator/report/entries/{Esc(pspReference)}/drop", null, cancellationToken);

    /// <summary>Reports the capture or refund <paramref name="pspReference"/> with its amount moved by <paramref name="delta"/> minor units.</summary>
    public Task AdjustSettlementEntryAsync(string pspReference, long delta = 1, CancellationToken cancellationToken = default) =>
        PostAsync($"simulator/report/entries/{Esc(pspReference)}/adjust", new { delta }, cancellationToken);

    /// <summary>Closes ledger date <paramref name="date"/> of <paramref name="ledgerId"/> <paramref name="by"/> after its cut-off.</summary>
    public Task DelayLedgerDateAsync(string ledgerId, DateOnly date, TimeSpan by, CancellationToken cancellationToken = default) =>
        PostAsync($"simulator/report/ledgers/{Esc(ledgerId)}/dates/{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}/delay", new { seconds = by.TotalSeconds }, cancellationToken);

    /// <summary>Every product order sent to the Management API, oldest first (<c>GET /simulator/product-orders</c>).</summary>
    public async Task<IReadOnlyList<SimulatorProductOrder>> GetProductOrdersAsync(CancellationToken cancellationToken = default) =>
        await GetAsync<List<SimulatorProductOrder>>("simulator/product-orders", cancellationToken);

    /// <summary>
    /// Moves a product order forward (<c>POST /simulator/product-orders/{id}/advance</c>): to the next status, or to
    /// <paramref name="status"/> through every status between (see <see cref="ProductOrderStatus"/>). Reaching
    /// COMPLETED creates the merchant's new sales unit, linked to the partner; its MSN is in the order returned.
    /// </summary>
    public async Task<SimulatorProductOrder> AdvanceProductOrderAsync(string prefilledOrderId, string? status = null, CancellationToken cancellationToken = default)
    {
        using var response = await _http.PostAsJsonAsync(new Uri($"simulator/product-orders/{Esc(prefilledOrderId)}/advance", UriKind.Relative), new { status }, SimulatorJson.Options, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<SimulatorProductOrder>(SimulatorJson.Options, cancellationToken))!;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsClient)
        {
            _http.Dispose();
        }
    }

    private static string Esc(string value) => Uri.EscapeDataString(value);

    private async Task PostAsync(string path, object? body, CancellationToken cancellationToken)
    {
        using var content = JsonContent.Create(body, body?.GetType() ?? typeof(object), options: SimulatorJson.Options);
        using var response = await _http.PostAsync(new Uri(path, UriKind.Relative), body is null ? null : content, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<T>(SimulatorJson.Options, cancellationToken))!;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        throw new HttpRequestException(
            string.Create(CultureInfo.InvariantCulture, $"Simulator admin call {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} failed with {(int)response.StatusCode}: {body}"),
            null,
            response.StatusCode is HttpStatusCode code ? code : null);
    }

    private sealed record ClockBody(DateTimeOffset Now);

    private sealed record PortalCaptureBody(string PspReference);
}
