namespace PaymentOrchestrator.VippsSimulator.Accounts;

/// <summary>Sales units and key sets. Thread-safe: everything under one lock.</summary>
internal sealed class AccountStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SalesUnit> _salesUnits = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KeySet> _keySets = new(StringComparer.Ordinal);

    /// <summary>Key sets first, so a sales unit may name the partner key sets it is linked to.</summary>
    public void Load(SimulatorSeed seed)
    {
        foreach (var keySet in seed.KeySets)
        {
            AddKeySet(keySet);
        }

        foreach (var unit in seed.SalesUnits)
        {
            AddSalesUnit(unit);
        }
    }

    public SalesUnit AddSalesUnit(SalesUnitDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!IsMsn(definition.Msn))
        {
            throw new ArgumentException($"MSN '{definition.Msn}' must be 4 to 6 digits.", nameof(definition));
        }

        var country = (definition.Country ?? "NO").ToUpperInvariant();
        var currency = definition.Currency?.ToUpperInvariant() ?? country switch
        {
            "NO" => "NOK",
            "DK" => "DKK",
            "FI" => "EUR",
            _ => throw new ArgumentException($"Country '{country}' must be NO, DK or FI.", nameof(definition)),
        };
        if (currency is not ("NOK" or "DKK" or "EUR"))
        {
            throw new ArgumentException($"Currency '{currency}' must be NOK, DKK or EUR.", nameof(definition));
        }

        var organizationNumber = definition.OrganizationNumber ?? "9" + definition.Msn.PadLeft(8, '0');
        if (organizationNumber.Length != 9 || !organizationNumber.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"Organisation number '{organizationNumber}' must be nine digits.", nameof(definition));
        }

        // Any capture type is served as given, one outside the spec's enum included: clients must tolerate new values.
        if (string.IsNullOrWhiteSpace(definition.CaptureType))
        {
            throw new ArgumentException("Give a capture type: ReserveCapture, DirectCapture or NotApplicable.", nameof(definition));
        }

        var unit = new SalesUnit(
            definition.Msn,
            definition.Name ?? $"Sales unit {definition.Msn}",
            country,
            currency,
            definition.AllowPartialCapture,
            definition.RecurringEnabled,
            definition.PushMessageAllowed,
            definition.LongLivingPaymentsAllowed,
            organizationNumber,
            definition.PaymentAllowed,
            definition.CaptureType);
        lock (_gate)
        {
            _salesUnits[unit.Msn] = unit;
            foreach (var clientId in definition.LinkedPartnerClientIds)
            {
                if (_keySets.TryGetValue(clientId, out var keySet))
                {
                    keySet.LinkedMsns.Add(unit.Msn);
                }
                else
                {
                    throw new ArgumentException($"No key set with client id '{clientId}' to link to.", nameof(definition));
                }
            }
        }

        return unit;
    }

    public void AddKeySet(KeySetDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (string.IsNullOrEmpty(definition.ClientId) || string.IsNullOrEmpty(definition.ClientSecret)
            || string.IsNullOrEmpty(definition.PrimarySubscriptionKey))
        {
            throw new ArgumentException("A key set needs clientId, clientSecret and primarySubscriptionKey.", nameof(definition));
        }

        if (definition.Type == KeySetType.Merchant && (definition.Msn is null || !IsMsn(definition.Msn)))
        {
            throw new ArgumentException("A merchant key set needs the msn (4 to 6 digits) it belongs to.", nameof(definition));
        }

        var keySet = new KeySet
        {
            Type = definition.Type,
            ClientId = definition.ClientId,
            ClientSecret = definition.ClientSecret,
            PrimarySubscriptionKey = definition.PrimarySubscriptionKey,
            SecondarySubscriptionKey = definition.SecondarySubscriptionKey,
            Msn = definition.Msn,
        };
        foreach (var msn in definition.LinkedMsns)
        {
            keySet.LinkedMsns.Add(msn);
        }

        lock (_gate)
        {
            _keySets[keySet.ClientId] = keySet;
        }
    }

    public KeySet? FindKeySet(string clientId)
    {
        lock (_gate)
        {
            return _keySets.GetValueOrDefault(clientId);
        }
    }

    public SalesUnit? FindSalesUnit(string msn)
    {
        lock (_gate)
        {
            return _salesUnits.GetValueOrDefault(msn);
        }
    }

    /// <summary>Whether <paramref name="keySet"/> may act for <paramref name="msn"/>; read under the lock because links change.</summary>
    public bool CanAct(KeySet keySet, string msn)
    {
        lock (_gate)
        {
            return keySet.CanAct(msn);
        }
    }

    /// <summary>The sales units <paramref name="keySet"/> may act for (a merchant's own, or those linked to the partner), by MSN.</summary>
    public IReadOnlyList<SalesUnit> VisibleTo(KeySet keySet)
    {
        lock (_gate)
        {
            return [.. _salesUnits.Values.Where(u => keySet.CanAct(u.Msn)).OrderBy(u => u.Msn, StringComparer.Ordinal)];
        }
    }

    /// <summary>
    /// The partner and management key sets that belong to the same partner as <paramref name="keySet"/>: itself, and
    /// those sharing a linked sales unit with it (the simulator has no partner entity of its own).
    /// </summary>
    public IReadOnlyList<string> PartnerKeySetsOf(KeySet keySet)
    {
        lock (_gate)
        {
            return [.. _keySets.Values
                .Where(k => k.ClientId == keySet.ClientId
                    || ((k.Type is KeySetType.Partner or KeySetType.Management) && k.LinkedMsns.Overlaps(keySet.LinkedMsns)))
                .Select(k => k.ClientId)];
        }
    }

    /// <summary>
    /// Links the unit to every partner and management key set, or unlinks it from them all (as a merchant does in the
    /// business portal); false when there is no such unit.
    /// </summary>
    public bool SetPartnerLink(string msn, bool linked)
    {
        lock (_gate)
        {
            if (!_salesUnits.ContainsKey(msn))
            {
                return false;
            }

            foreach (var keySet in _keySets.Values.Where(k => k.Type is KeySetType.Partner or KeySetType.Management))
            {
                if (linked)
                {
                    keySet.LinkedMsns.Add(msn);
                }
                else
                {
                    keySet.LinkedMsns.Remove(msn);
                }
            }

            return true;
        }
    }

    public IReadOnlyList<SalesUnit> SalesUnits()
    {
        lock (_gate)
        {
            return [.. _salesUnits.Values];
        }
    }

    /// <summary>Whether the merchant of <paramref name="msn"/> has granted these accounting keys access to its settlements.</summary>
    public bool HasReportConsent(KeySet keySet, string msn)
    {
        lock (_gate)
        {
            return keySet.Type == KeySetType.Accounting && keySet.LinkedMsns.Contains(msn);
        }
    }

    /// <summary>Grants or withdraws report access for an accounting key set; an error text when that cannot be done.</summary>
    public string? SetReportConsent(string clientId, string msn, bool granted)
    {
        lock (_gate)
        {
            if (!_keySets.TryGetValue(clientId, out var keySet) || keySet.Type != KeySetType.Accounting)
            {
                return $"No accounting key set with client id '{clientId}'.";
            }

            if (!_salesUnits.ContainsKey(msn))
            {
                return $"No sales unit '{msn}'.";
            }

            if (granted)
            {
                keySet.LinkedMsns.Add(msn);
            }
            else
            {
                keySet.LinkedMsns.Remove(msn);
            }

            return null;
        }
    }

    public static bool IsMsn(string? value) =>
        value is { Length: >= 4 and <= 6 } && value.All(char.IsAsciiDigit);
}
