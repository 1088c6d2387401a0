using Azure;

namespace PaymentOrchestrator.Storage.Tables;

/// <summary>One action of an entity group transaction (<see cref="TableClient.SubmitTransactionAsync"/>).</summary>
public sealed class TableTransactionAction
{
    /// <summary>Creates an action; update and delete actions use the entity's ETag, or <c>*</c> when it has none.</summary>
    public TableTransactionAction(TableTransactionActionType actionType, ITableEntity entity)
        : this(actionType, entity, default)
    {
    }

    /// <summary>Creates an action with an explicit ETag for update and delete actions (<see cref="ETag.All"/> for any).</summary>
    public TableTransactionAction(TableTransactionActionType actionType, ITableEntity entity, ETag etag)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ActionType = actionType;
        Entity = entity;
        ETag = etag;
    }

    /// <summary>What the action does.</summary>
    public TableTransactionActionType ActionType { get; }

    /// <summary>The entity (its keys address the row).</summary>
    public ITableEntity Entity { get; }

    /// <summary>The explicit ETag, or default.</summary>
    public ETag ETag { get; }

    internal string IfMatch =>
        ETag != default ? ETag.ToString() : Entity.ETag != default ? Entity.ETag.ToString() : ETag.All.ToString();

    /// <summary>E.g. <c>Add (PartitionKey 'p1', RowKey 'r1')</c>.</summary>
    public override string ToString() => $"{ActionType} (PartitionKey '{Entity.PartitionKey}', RowKey '{Entity.RowKey}')";
}
