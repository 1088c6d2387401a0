namespace PaymentOrchestrator.VippsSimulator.Infrastructure;

/// <summary>The options that may change while the simulator runs (<c>PUT /simulator/settings</c>).</summary>
internal sealed class SimulatorSettings(SimulatorOptions options)
{
    private readonly Lock _gate = new();
    private SimulatorMode _mode = options.Mode;
    private TimeSpan? _autoApproveAfter = options.AutoApproveAfter;
    private bool _rateLimitsEnabled = options.RateLimitsEnabled;
    private TimeSpan _tokenLifetime = options.TokenLifetime;
    private TimeSpan _paymentExpiry = options.PaymentExpiry;
    private TimeSpan _agreementExpiry = options.AgreementExpiry;
    private int _reportPageSize = options.ReportPageSize;

    public SimulatorOptions Options => options;

    public SimulatorMode Mode
    {
        get { lock (_gate) { return _mode; } }
    }

    public TimeSpan? AutoApproveAfter
    {
        get { lock (_gate) { return _autoApproveAfter; } }
    }

    public bool RateLimitsEnabled
    {
        get { lock (_gate) { return _rateLimitsEnabled; } }
    }

    public TimeSpan TokenLifetime
    {
        get { lock (_gate) { return _tokenLifetime; } }
    }

    public TimeSpan PaymentExpiry
    {
        get { lock (_gate) { return _paymentExpiry; } }
    }

    public TimeSpan AgreementExpiry
    {
        get { lock (_gate) { return _agreementExpiry; } }
    }

    public int ReportPageSize
    {
        get { lock (_gate) { return _reportPageSize; } }
    }

    public void Apply(SimulatorSettingsUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        lock (_gate)
        {
            if (update.Mode is { } mode)
            {
                _mode = mode;
            }

            if (update.DisableAutoApprove == true)
            {
                _autoApproveAfter = null;
            }
            else if (update.AutoApproveAfterMs is { } ms)
            {
                _autoApproveAfter = TimeSpan.FromMilliseconds(ms);
            }

            if (update.RateLimitsEnabled is { } rateLimits)
            {
                _rateLimitsEnabled = rateLimits;
            }

            if (update.TokenLifetimeSeconds is { } tokenSeconds)
            {
                _tokenLifetime = TimeSpan.FromSeconds(tokenSeconds);
            }

            if (update.PaymentExpirySeconds is { } paymentSeconds)
            {
                _paymentExpiry = TimeSpan.FromSeconds(paymentSeconds);
            }

            if (update.AgreementExpirySeconds is { } agreementSeconds)
            {
                _agreementExpiry = TimeSpan.FromSeconds(agreementSeconds);
            }

            if (update.ReportPageSize is { } pageSize)
            {
                _reportPageSize = Math.Clamp(pageSize, 1, 1000);
            }
        }
    }

    public SimulatorSettingsUpdate Snapshot()
    {
        lock (_gate)
        {
            return new SimulatorSettingsUpdate
            {
                Mode = _mode,
                AutoApproveAfterMs = _autoApproveAfter is { } a ? (long)a.TotalMilliseconds : null,
                RateLimitsEnabled = _rateLimitsEnabled,
                TokenLifetimeSeconds = (long)_tokenLifetime.TotalSeconds,
                PaymentExpirySeconds = (long)_paymentExpiry.TotalSeconds,
                AgreementExpirySeconds = (long)_agreementExpiry.TotalSeconds,
                ReportPageSize = _reportPageSize,
            };
        }
    }
}
