using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using PaymentOrchestrator.VippsSimulator.Accounts;
using PaymentOrchestrator.VippsSimulator.Admin;
using PaymentOrchestrator.VippsSimulator.Clock;
using PaymentOrchestrator.VippsSimulator.Infrastructure;

namespace PaymentOrchestrator.VippsSimulator.Webhooks;

/// <summary>
/// Registrations and signed delivery. Each registration has its own ordered queue and worker: a failing event is
/// retried with backoff and blocks later events for that registration, as at Vipps ("order is kept per registration").
/// </summary>
internal sealed class WebhookDispatcher : IAsyncDisposable
{
    private const int MaxAttemptLog = 1000;
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, WebhookRegistration> _registrations = [];
    private readonly List<Task> _workers = [];
    private readonly Queue<WebhookAttempt> _attempts = new();
    private readonly AccountStore _accounts;
    private readonly SimulatorClock _clock;
    private readonly SimulatorOptions _options;
    private readonly CounterStore _counters;
    private readonly HttpClient _http;

    public WebhookDispatcher(AccountStore accounts, SimulatorClock clock, SimulatorOptions options, CounterStore counters)
    {
        _accounts = accounts;
        _clock = clock;
        _options = options;
        _counters = counters;

        // Vipps does not follow redirects for webhooks (WH-spec RegisterRequest.url).
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public WebhookRegistration Register(Uri url, IReadOnlyList<string> events, string secret, Guid id, string ownerClientId, string? msn)
    {
        var registration = new WebhookRegistration { Id = id, Url = url, Events = events, Secret = secret, OwnerClientId = ownerClientId, Msn = msn };
        lock (_gate)
        {
            _registrations[id] = registration;
            _workers.Add(Task.Run(() => RunAsync(registration)));
        }

        return registration;
    }

    /// <summary>Every registration (for the state file).</summary>
    public IReadOnlyList<WebhookRegistration> All()
    {
        lock (_gate)
        {
            return [.. _registrations.Values];
        }
    }

    public IReadOnlyList<WebhookRegistration> List(string ownerClientId, string? msn)
    {
        lock (_gate)
        {
            return _registrations.Values.Where(r => r.OwnerClientId == ownerClientId && r.Msn == msn).ToList();
        }
    }

    public int CountFor(string ownerClientId, string? msn, string eventType)
    {
        lock (_gate)
        {
            return _registrations.Values.Count(r => r.OwnerClientId == ownerClientId && r.Msn == msn && r.Events.Contains(eventType));
        }
    }

    public bool Delete(Guid id, string ownerClientId, string? msn)
    {
        lock (_gate)
        {
            if (!_registrations.TryGetValue(id, out var registration) || registration.OwnerClientId != ownerClientId || registration.Msn != msn)
            {
                return false;
            }

            _registrations.Remove(id);
            registration.Queue.Writer.TryComplete();
            registration.Stopping.Cancel();
            return true;
        }
    }

    /// <summary>
    /// Queues an event for every registration that covers <paramref name="msn"/> and the event type;
    /// <paramref name="subject"/> (payment reference or agreement id) keeps one subject's events in order.
    /// </summary>
    public void Publish(string msn, string subject, string eventType, object payload)
    {
        string? body = null;
        lock (_gate)
        {
            foreach (var registration in _registrations.Values)
            {
                if (!registration.Events.Contains(eventType) || !Covers(registration, msn))
                {
                    continue;
                }

                body ??= SimulatorJson.Serialize(payload);
                registration.Queue.Writer.TryWrite(new WebhookDelivery(eventType, msn, subject, body));
            }
        }
    }

    public IReadOnlyList<WebhookAttempt> Attempts()
    {
        lock (_gate)
        {
            return _attempts.ToList();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task[] workers;
        lock (_gate)
        {
            foreach (var registration in _registrations.Values)
            {
                registration.Queue.Writer.TryComplete();
                registration.Stopping.Cancel();
            }

            workers = [.. _workers];
        }

        await Task.WhenAll(workers);
        _http.Dispose();
    }

    private bool Covers(WebhookRegistration registration, string msn)
    {
        if (registration.Msn is not null)
        {
            return registration.Msn == msn;
        }

        // Partner-wide: every sales unit linked to the partner now, including ones linked after registering.
        var owner = _accounts.FindKeySet(registration.OwnerClientId);
        return owner is not null && _accounts.CanAct(owner, msn);
    }

    /// <summary>
    /// Delivers a registration's events: up to <see cref="SimulatorOptions.WebhookConcurrency"/> at once, each subject's
    /// events one after the other in the order they happened (a failing delivery holds back only its own subject).
    /// </summary>
    private async Task RunAsync(WebhookRegistration registration)
    {
        var stopping = registration.Stopping.Token;
        using var slots = new SemaphoreSlim(Math.Max(1, _options.WebhookConcurrency));
        var lanes = new Dictionary<string, Task>(StringComparer.Ordinal);
        try
        {
            await foreach (var delivery in registration.Queue.Reader.ReadAllAsync(stopping))
            {
                var lane = delivery.Msn + "/" + delivery.Subject;
                var previous = lanes.GetValueOrDefault(lane) ?? Task.CompletedTask;
                lanes[lane] = DeliverInTurnAsync(previous, registration, delivery, slots, stopping);
                foreach (var done in lanes.Where(l => l.Value.IsCompleted).Select(l => l.Key).ToList())
                {
                    lanes.Remove(done);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }

        await Task.WhenAll(lanes.Values);
    }

    private async Task DeliverInTurnAsync(Task previous, WebhookRegistration registration, WebhookDelivery delivery, SemaphoreSlim slots, CancellationToken stopping)
    {
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        try
        {
            await slots.WaitAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            var delay = _options.WebhookRetryDelay;
            for (var attempt = 1; attempt <= _options.WebhookMaxAttempts && !stopping.IsCancellationRequested; attempt++)
            {
                if (await TryDeliverAsync(registration, delivery, attempt, stopping))
                {
                    return;
                }

                if (attempt < _options.WebhookMaxAttempts)
                {
                    await Task.Delay(delay, stopping);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.WebhookMaxRetryDelay.Ticks));
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task<bool> TryDeliverAsync(WebhookRegistration registration, WebhookDelivery delivery, int attempt, CancellationToken stopping)
    {
        var bytes = Encoding.UTF8.GetBytes(delivery.Body);
        var date = _clock.GetUtcNow().ToString("R", CultureInfo.InvariantCulture);
        var (contentHash, authorization) = WebhookSigner.Sign(registration.Url, date, bytes, registration.Secret);
        using var request = new HttpRequestMessage(HttpMethod.Post, registration.Url) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("x-ms-date", date);
        request.Headers.TryAddWithoutValidation("x-ms-content-sha256", contentHash);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        request.Headers.TryAddWithoutValidation("Vipps-Webhook-Event", delivery.EventType);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(_options.WebhookTimeout);
        int? status = null;
        string? error = null;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = (int)response.StatusCode;
        }
        catch (HttpRequestException e)
        {
            error = e.Message;
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            error = $"No answer within {_options.WebhookTimeout.TotalSeconds} seconds.";
        }

        // Any 2xx is success; any 4xx/5xx, timeout or connection failure is retried (WH-doc "Delivery").
        var success = status is >= 200 and < 300;
        if (success)
        {
            _counters.WebhookDelivered();
        }
        else
        {
            _counters.WebhookFailed();
        }

        lock (_gate)
        {
            _attempts.Enqueue(new WebhookAttempt(registration.Id, registration.Url.ToString(), delivery.EventType, delivery.Msn, attempt, status, success, error, _clock.GetUtcNow()));
            while (_attempts.Count > MaxAttemptLog)
            {
                _attempts.Dequeue();
            }
        }

        return success;
    }
}
