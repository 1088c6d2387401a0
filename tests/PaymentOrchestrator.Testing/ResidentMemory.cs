namespace PaymentOrchestrator.Testing;

/// <summary>
/// A process's resident memory in bytes: <paramref name="Rss"/> (VmRSS), <paramref name="Peak"/> (VmHWM) and the three
/// parts the kernel counts VmRSS in — <paramref name="Anonymous"/> (a .NET process's GC heap and native allocations),
/// <paramref name="File"/> (mapped assemblies and libraries) and <paramref name="Shared"/> (in a .NET process mostly its
/// JIT code and stubs, which the runtime maps twice for W^X, so they count twice). The parts are 0 where
/// <c>/proc</c> does not give them.
/// </summary>
public sealed record ResidentMemory(long Rss, long Peak, long Anonymous, long File, long Shared);
