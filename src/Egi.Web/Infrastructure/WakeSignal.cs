namespace Egi.Web.Infrastructure;

/// <summary>
/// Wakes a background worker of this instance as soon as there is work for it (the worker also polls, for work queued
/// by other instances). Several notifications before the worker wakes count as one.
/// </summary>
public abstract class WakeSignal
{
    private readonly SemaphoreSlim semaphore = new(0);

    public void Notify()
    {
        if (semaphore.CurrentCount == 0) semaphore.Release();
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => semaphore.WaitAsync(timeout, ct);
}
