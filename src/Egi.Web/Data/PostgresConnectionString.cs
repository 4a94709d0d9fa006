using System.Data.Common;

namespace Egi.Web.Data;

/// <summary>
/// The PostgreSQL connection string EGI opens: the configured one, with these settings added unless the configuration
/// sets them itself (any value, any spelling of the key). Each was measured with <c>bench/load.sh</c> and
/// <c>bench/statements.sh</c> (bench/HISTORY.md):
/// <list type="bullet">
/// <item><c>Max Auto Prepare=100</c>: a statement run five times (Npgsql's <c>Auto Prepare Min Usages</c>) on a pooled
/// connection is prepared there, and PostgreSQL then skips parsing it on every later run — each page runs the same
/// 3–7 statements with other parameters. <c>Max Auto Prepare=0</c> turns it off (e.g. behind PgBouncer in transaction
/// mode older than 1.21, which cannot carry prepared statements). See https://www.npgsql.org/doc/prepare.html.</item>
/// <item><c>No Reset On Close=true</c>: a connection given back to the pool is not reset. By default Npgsql sends six
/// statements before the next command on it (<c>SET SESSION AUTHORIZATION DEFAULT; RESET ALL; CLOSE ALL; UNLISTEN *;
/// SELECT pg_advisory_unlock_all(); DISCARD SEQUENCES</c>), and EF Core gives a connection back after each query: a
/// report's page of 7 queries cost PostgreSQL 56 statements. EGI leaves nothing on a session to reset: it sets no
/// session variable, listens to nothing, takes only transaction-scoped advisory locks; and a transaction left open is
/// still rolled back when its connection is given back (Npgsql does that with or without the reset).</item>
/// <item><c>Maximum Pool Size</c> = four connections per processor of the machine EGI runs on, at least 8 (Npgsql's
/// default is 100):
/// PostgreSQL serves best with about two to four working connections per core of its server, and spends the rest of
/// its processors making more of them wait on each other. The last day of a window on two cores (<c>bench/window.sh</c>,
/// 32 writes at once): with 100 connections PostgreSQL spent 17.6 ms of CPU per save, with 8 it spent 9.1 and served 91
/// saves a second instead of 59; the other requests wait their turn for a connection in EGI, where waiting costs
/// nothing. A database server with more cores than EGI's machine, or several instances, set the size in the string.</item>
/// <item>In <c>Options</c>, added to what the configuration puts there, each unless it is set there (so
/// <c>Options='-c plan_cache_mode=auto'</c> gives PostgreSQL that choice back and keeps the other):
/// <list type="bullet">
/// <item><c>plan_cache_mode=force_generic_plan</c>: a prepared statement keeps one plan for any parameters. With the
/// statistics of a living entity, PostgreSQL's own choice (<c>auto</c>) planned «Por aprobar»'s, the control points'
/// and the dashboard's statements again on every request (0.2–1.0 ms of the server each, more than running them). Every
/// page's statements have a good generic plan (<c>bench/statements.sh</c> prints each one's planning and execution); a
/// list of values goes to the database one parameter per value (<c>EF.MultipleParameters</c>) where an array would make
/// the generic plan guess its length.</item>
/// <item><c>max_parallel_workers_per_gather=0</c>: no statement is split among parallel workers. At 50 000 servants
/// PostgreSQL ran the count of the eligible servants (the dashboard's and the reports' «Sin evaluación») on two workers:
/// 52 ms, of which about 45 starting the workers, against 6 ms in the request's own process. EGI's statements read an
/// index range or a page of rows; a worker costs more to start than it saves, and on a server shared by many requests
/// the other cores are already busy.</item>
/// </list></item>
/// </list>
/// </summary>
public static class PostgresConnectionString
{
    /// <summary>Statements kept prepared per connection (least recently used first out): every page's statements fit.</summary>
    public const int DefaultMaxAutoPrepare = 100;

    /// <summary>The connections each instance opens at most, unless the string says: four per processor of its machine, at least 8.</summary>
    public static int DefaultMaxPoolSize { get; } = Math.Max(8, 4 * Environment.ProcessorCount);

    /// <summary>The server settings added to <c>Options</c>, each when they do not set it: name and value.</summary>
    public static IReadOnlyList<(string Name, string Value)> ServerSettings { get; } =
    [
        ("plan_cache_mode", "force_generic_plan"),
        ("max_parallel_workers_per_gather", "0"),
    ];

    /// <summary><c>Options</c> with every one of <see cref="ServerSettings"/> they do not set, after what they say.</summary>
    public static string OptionsWith(string? configured) =>
        string.Join(' ', new[] { configured?.Trim() ?? "" }
            .Concat(ServerSettings.Where(s => configured?.Contains(s.Name, StringComparison.OrdinalIgnoreCase) != true).Select(s => $"-c {s.Name}={s.Value}"))
            .Where(o => o.Length > 0));

    /// <summary>The settings added when the configured string does not have them: key (as Npgsql spells it) and value.</summary>
    public static IReadOnlyList<(string Key, string Value)> Defaults { get; } =
    [
        ("Max Auto Prepare", DefaultMaxAutoPrepare.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("No Reset On Close", "true"),
        ("Maximum Pool Size", DefaultMaxPoolSize.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    public static string WithDefaults(string configured)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = configured };
        // A key spelled two ways (Max Auto Prepare and MaxAutoPrepare) is one setting for Npgsql: the last one is kept.
        var keys = builder.Keys.Cast<string>().GroupBy(Canonical).ToDictionary(g => g.Key, g => g.Last());
        var missing = Defaults.Where(d => !keys.ContainsKey(Canonical(d.Key))).Select(d => $"{d.Key}={d.Value}").ToList();
        if (!keys.TryGetValue("options", out var optionsKey))
            missing.Add($"Options='{OptionsWith(null)}'");
        else if (builder[optionsKey]?.ToString() is var options && OptionsWith(options) is var extended && extended != (options ?? "").Trim())
        {
            // The configured options (e.g. a search_path) stay, with the settings they do not mention after them.
            builder[optionsKey] = extended;
            configured = builder.ConnectionString;
        }
        // The settings added go first: should the string spell one another way (MaxPoolSize, Maximum Pool Size), its own
        // value comes later and is the one Npgsql keeps.
        return missing.Count == 0 ? configured : string.Join(';', [.. missing, configured.Trim()]);
    }

    private static string Canonical(string key) => key.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
}
