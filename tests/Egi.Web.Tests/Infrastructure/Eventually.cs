using System.Diagnostics;

namespace Egi.Web.Tests.Infrastructure;

/// <summary>
/// Waits for something another thread does (the hosted delivery worker, the SMTP server): polls the condition until it
/// holds and fails only after a generous timeout, so a slow machine makes a test slower, never red. Never "sleep, then
/// look": that is too short on a loaded CI machine and proves nothing about what must not happen. To show that something
/// does not happen, drive one complete pass of the worker instead (<see cref="EgiAppFactory.DispatchOutboxAsync"/>).
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Polls <paramref name="probe"/> until it returns a value; fails with <paramref name="what"/> after the timeout.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null) where T : class
    {
        var limit = timeout ?? DefaultTimeout;
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } value) return value;
            if (watch.Elapsed > limit) throw new TimeoutException($"Waited {limit.TotalSeconds:0} s for {what}.");
            await Task.Delay(Interval);
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails with <paramref name="what"/> after the timeout.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        await ValueAsync<object>(async () => await condition() ? true : null, what, timeout);

    /// <inheritdoc cref="UntilAsync(Func{Task{bool}}, string, TimeSpan?)"/>
    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(condition()), what, timeout);
}
