namespace PaymentOrchestrator.Orchestration.Running;

/// <summary>
/// One writer per saga at a time within this process. The row's ETag keeps writers of different processes correct;
/// this keeps the writers of one process from spending their retries on each other: thirty refunds racing on one
/// payment queue here and each is applied on its first or second attempt, instead of some losing twenty races in a row.
/// </summary>
internal sealed class SagaGate<TKey>
    where TKey : notnull
{
    private readonly Dictionary<TKey, Entry> _entries = [];

    /// <summary>Waits for the saga's turn; dispose the result to give it up.</summary>
    public async Task<IDisposable> EnterAsync(TKey key, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(key, out entry!))
            {
                entry = new Entry();
                _entries[key] = entry;
            }

            entry.Users++;
        }

        try
        {
            await entry.Turn.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(key, entry, entered: false);
            throw;
        }

        return new Turn(this, key, entry);
    }

    private void Leave(TKey key, Entry entry, bool entered)
    {
        lock (_entries)
        {
            if (entered)
            {
                entry.Turn.Release();
            }

            if (--entry.Users == 0)
            {
                _entries.Remove(key);
                entry.Turn.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Turn(SagaGate<TKey> gate, TKey key, Entry entry) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                gate.Leave(key, entry, entered: true);
            }
        }
    }
}
