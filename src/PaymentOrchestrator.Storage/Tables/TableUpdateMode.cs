namespace PaymentOrchestrator.Storage.Tables;

/// <summary>How an update or upsert treats properties that the stored entity has but the new one lacks.</summary>
public enum TableUpdateMode
{
    /// <summary>Merge: properties not sent are kept.</summary>
    Merge,

    /// <summary>Replace: the stored entity becomes exactly the one sent.</summary>
    Replace,
}
