namespace PaymentOrchestrator.Vipps.Report;

/// <summary>The 200 body of <c>GET /settlement/v1/ledgers</c>.</summary>
internal sealed record LedgerListBody(string? Cursor, List<LedgerBody>? Items);

/// <summary><c>Ledger</c>.</summary>
internal sealed record LedgerBody(string? LedgerId, string? Currency, SchemeIdentifier? PayoutBankAccount, SchemeIdentifier? Owner, List<string>? SettlesForRecipientHandles);

/// <summary>The 200 body of the dates and feed endpoints.</summary>
internal sealed record TransactionPageBody(string? Cursor, bool? HasMore, bool? TryLater, List<TransactionBody>? Items);

/// <summary><c>Transaction</c>, every field optional and read as text where Vipps' format may vary.</summary>
internal sealed record TransactionBody(
    string? PspReference,
    string? Time,
    string? LedgerDate,
    string? EntryType,
    string? Reference,
    string? Currency,
    long? Amount,
    long? BalanceBefore,
    long? BalanceAfter,
    string? RecipientHandle);
