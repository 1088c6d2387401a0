using DurableTask.Core;

namespace PaymentOrchestrator.Local.Durable;

/// <summary>Registers a Durable Task Framework orchestration or activity by name, made fresh for each work item.</summary>
internal sealed class ShimCreator<T> : ObjectCreator<T>
{
    private readonly Func<T> _create;

    public ShimCreator(string name, Func<T> create)
    {
        Name = name;
        Version = string.Empty;
        _create = create;
    }

    public override T Create() => _create();
}
