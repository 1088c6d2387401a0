namespace PaymentOrchestrator.VippsSimulator.Report;

/// <summary><c>Transaction</c> of report-v2.yaml.</summary>
internal sealed record TransactionResponse(
    string PspReference,
    string Time,
    string LedgerDate,
    string EntryType,
    string? Reference,
    string Currency,
    long Amount,
    long BalanceBefore,
    long BalanceAfter,
    string? RecipientHandle);

/// <summary><c>BankAccount</c> and <c>Organization</c> of report-v2.yaml (same shape).</summary>
internal sealed record SchemeId(string Scheme, string Id);

/// <summary><c>Ledger</c> of report-v2.yaml (plus <c>currency</c>, as in the spec's example).</summary>
internal sealed record LedgerResponse(string LedgerId, string Currency, SchemeId PayoutBankAccount, SchemeId Owner, IReadOnlyList<string> SettlesForRecipientHandles);

/// <summary>The 200 answer of <c>GET /settlement/v1/ledgers</c>.</summary>
internal sealed record LedgerListResponse(string? Cursor, IReadOnlyList<LedgerResponse> Items);

/// <summary>The shared 200 answer of the dates and feed endpoints.</summary>
internal sealed record ReportPageResponse(string? Cursor, bool? HasMore, bool TryLater, IReadOnlyList<TransactionResponse> Items);

/// <summary>A capture or refund as Vipps settles it: what the ePayment and Recurring services (or the portal) did.</summary>
internal sealed record SettledOperation(string Msn, string Reference, string EntryType, long Amount, string Currency, string PspReference, DateTimeOffset Time, bool Portal);

/// <summary>Body of <c>POST /simulator/report/portal-captures</c>.</summary>
internal sealed record PortalCaptureRequest(string? Msn, string? Reference, long Amount);

/// <summary>Answer of <c>POST /simulator/report/portal-captures</c>.</summary>
internal sealed record PortalCaptureResponse(string PspReference, string LedgerId);

/// <summary>Body of <c>POST /simulator/report/entries/{pspReference}/adjust</c>.</summary>
internal sealed record AdjustEntryRequest(long? Delta);

/// <summary>Body of <c>POST /simulator/report/ledgers/{ledgerId}/dates/{date}/delay</c>.</summary>
internal sealed record DelayDateRequest(double Seconds);

/// <summary>The settlement book's part of the simulator's state file.</summary>
internal sealed record SettlementSnapshot(IReadOnlyList<SettledOperation> Operations, IReadOnlyList<string> Dropped, IReadOnlyDictionary<string, long> Adjusted);
