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

/// <summary>
/// A hosted loop that runs one round of work whenever its <see cref="WakeSignal"/> is notified, and at least every
/// <see cref="PollInterval"/> (for work other instances queued). A failed round is logged and tried again next time.
/// </summary>
public abstract class SignalledWorker(WakeSignal signal, ILogger log) : BackgroundService
{
    protected abstract TimeSpan PollInterval { get; }

    protected abstract Task RunRoundAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunRoundAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "{Worker}: the round failed; retrying later", GetType().Name);
            }
            try
            {
                await signal.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
