namespace Egi.Web.Tests.Infrastructure;

/// <summary>
/// The suite runs many application hosts at once in one process, and starting a host blocks a thread while it waits
/// (WebApplicationFactory starts the host synchronously; so does the copy of a template database). On a 2-core machine
/// the thread pool starts with two threads and adds about one a second: hosts that wait for each other's threads then
/// stall for many seconds, and so does the in-process OpenID Connect provider that another host is calling. Enough
/// threads from the start keep every wait short. Called by the first <see cref="EgiAppFactory"/>.
/// </summary>
internal static class ThreadPoolWarmUp
{
    internal static void Ensure()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
    }
}
