using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Recurring;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Tests.Sagas;

/// <summary>Records every issued command by its logical operation and checks one key per operation, one operation per key.</summary>
public sealed class KeyLedger
{
    private readonly Dictionary<string, IdempotencyKey> _keyByOperation = new(StringComparer.Ordinal);
    private readonly Dictionary<IdempotencyKey, string> _operationByKey = [];

    public int Issued { get; private set; }

    public void Record(VippsCommand command)
    {
        Issued++;
        Assert.True(IdempotencyKey.Create(command.Key.Value).IsValid, $"invalid key '{command.Key}'");
        Assert.True(command.Key.Value.Length <= 40);
        var operation = LogicalOperation(command);
        if (_keyByOperation.TryGetValue(operation, out var key))
        {
            Assert.True(key == command.Key, $"{operation} was issued with two keys: {key} and {command.Key}");
        }
        else
        {
            _keyByOperation[operation] = command.Key;
        }

        if (_operationByKey.TryGetValue(command.Key, out var existing))
        {
            Assert.True(existing == operation, $"key {command.Key} was used for {existing} and {operation}");
        }
        else
        {
            _operationByKey[command.Key] = operation;
        }
    }

    /// <summary>What the business would call "the same operation": the capture with this capture id, the create, …</summary>
    private static string LogicalOperation(VippsCommand command) => command switch
    {
        CapturePayment c => $"capture:{c.CaptureId}",
        RefundPayment r => $"refund:{r.RefundId}",
        CreatePayment => "create",
        CancelPayment => "cancel",
        CaptureCharge c => $"capture:{c.CaptureId}",
        RefundCharge r => $"refund:{r.RefundId}",
        CreateCharge => "create",
        CancelCharge => "cancel",
        DraftAgreement => "draft",
        StopAgreement => "stop",
        _ => $"read:{command.Key}", // each read is its own operation
    };
}
