using Microsoft.Extensions.Logging;

namespace PaymentOrchestrator.Vipps.Http;

/// <summary>Every log line of the client. Parameters are operation, MSN, resource ids, status and trace ids only.</summary>
internal static partial class VippsLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Debug, Message = "Vipps {Operation} for MSN {Msn} {ResourceId}: sending")]
    public static partial void Sending(ILogger logger, string operation, string? msn, string? resourceId);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Vipps {Operation} for MSN {Msn} {ResourceId}: {Status} in {ElapsedMs} ms")]
    public static partial void Succeeded(ILogger logger, string operation, string? msn, string? resourceId, int status, long elapsedMs);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Vipps {Operation} for MSN {Msn} {ResourceId}: {Status} error code {ErrorCode} traceId {TraceId} contextId {ContextId} transient {IsTransient}")]
    public static partial void Failed(ILogger logger, string operation, string? msn, string? resourceId, int? status, string? errorCode, string? traceId, string? contextId, bool isTransient);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Information, Message = "Vipps {Operation} for MSN {Msn} {ResourceId}: {Status}, an expected answer for this call")]
    public static partial void Answered(ILogger logger, string operation, string? msn, string? resourceId, int status);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Warning, Message = "Vipps {Operation} for MSN {Msn} {ResourceId}: entry types unknown to this client: {EntryTypes}; kept and reported")]
    public static partial void UnknownEntryTypes(ILogger logger, string operation, string? msn, string? resourceId, string entryTypes);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Vipps {Operation} for MSN {Msn}: access token of key set {KeySet} rejected (401); fetching a new one and trying once more")]
    public static partial void TokenRejected(ILogger logger, string operation, string? msn, string keySet);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "Vipps {Operation} for MSN {Msn}: no answer ({Reason})")]
    public static partial void NoAnswer(ILogger logger, string operation, string? msn, string reason);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Information, Message = "Vipps access token for key set {KeySet} fetched; valid for {Lifetime}")]
    public static partial void TokenFetched(ILogger logger, string keySet, TimeSpan lifetime);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Warning, Message = "Vipps access token for key set {KeySet} could not be fetched (status {Status})")]
    public static partial void TokenFailed(ILogger logger, string keySet, int? status);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Warning, Message = "Vipps rejected the primary subscription key of key set {KeySet}; using the secondary from now on. Update the primary in configuration.")]
    public static partial void SwitchedToSecondarySubscriptionKey(ILogger logger, string keySet);

    [LoggerMessage(EventId = 4120, Level = LogLevel.Warning, Message = "Retrying Vipps {Operation} (pipeline {Pipeline}) attempt {Attempt} after {RetryDelay} (Retry-After honoured: {FromRetryAfter}) because {Reason}")]
    public static partial void Retrying(ILogger logger, string operation, string pipeline, int attempt, TimeSpan retryDelay, bool fromRetryAfter, string reason);
}
