using System.Runtime.CompilerServices;
using SQLitePCL;

namespace Egi.Web.Data;

/// <summary>
/// Process-wide settings of the SQLite library itself, which must be given before it opens its first connection: they
/// are applied when this assembly is loaded, before <c>Program</c> runs.
/// <para>
/// <b>No memory statistics.</b> By default SQLite counts every allocation it makes in global counters guarded by one
/// mutex shared by every connection of the process, so concurrent requests queue on it for each allocation. Nothing in
/// EGI reads those counters (<c>sqlite3_memory_used</c>, <c>sqlite3_status</c>). Without them the stage-1 report's three
/// queries cost 15–20 % less CPU with four threads at a time (2.7–2.8 → 2.2–2.3 ms, a probe of the same statements on
/// the 5 000-servant entity; one thread: no difference), bench/HISTORY.md «00:40 UTC on 06/12/2026».
/// </para>
/// </summary>
public static class SqliteEngine
{
    /// <summary>sqlite3_config's option for the memory statistics (SQLITE_CONFIG_MEMSTATUS).</summary>
    private const int ConfigMemStatus = 9;

    private static readonly Lock Gate = new();
    private static bool configured;

    /// <summary>Whether the memory statistics were turned off (false when SQLite was already in use in this process).</summary>
    public static bool MemoryStatisticsOff { get; private set; }

    /// <summary>
    /// At load: a deployment on PostgreSQL whose platform lacks SQLite's native library still starts (the library is
    /// loaded here whatever the provider; on SQLite the first connection reports the missing library itself).
    /// </summary>
    [ModuleInitializer]
    internal static void OnLoad()
    {
        try
        {
            Configure();
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException or EntryPointNotFoundException or TypeInitializationException)
        {
            MemoryStatisticsOff = false;
        }
    }

    /// <summary>Applies the settings once per process; a later call does nothing.</summary>
    public static void Configure()
    {
        lock (Gate)
        {
            if (configured) return;
            configured = true;
            Batteries_V2.Init();
            MemoryStatisticsOff = raw.sqlite3_config(ConfigMemStatus, 0) == raw.SQLITE_OK;
        }
    }
}
