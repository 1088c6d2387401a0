namespace PaymentOrchestrator.Storage.Tables;

/// <summary>What one action of a transaction does.</summary>
public enum TableTransactionActionType
{
    /// <summary>Insert; fails the transaction if the entity exists.</summary>
    Add,

    /// <summary>Merge into an existing entity (If-Match: the action's or entity's ETag, else <c>*</c>).</summary>
    UpdateMerge,

    /// <summary>Replace an existing entity (If-Match: the action's or entity's ETag, else <c>*</c>).</summary>
    UpdateReplace,

    /// <summary>Delete an existing entity (If-Match: the action's or entity's ETag, else <c>*</c>).</summary>
    Delete,

    /// <summary>Insert or merge.</summary>
    UpsertMerge,

    /// <summary>Insert or replace.</summary>
    UpsertReplace,
}
