using System.Data.Common;

namespace Egi.Web.Data;

/// <summary>
/// The PostgreSQL connection string EGI opens: the configured one, with two Npgsql settings added unless the
/// configuration sets them itself (any value, any spelling of the key):
/// <list type="bullet">
/// <item><c>Max Auto Prepare=100</c>: a statement run five times (Npgsql's <c>Auto Prepare Min Usages</c>) on a pooled
/// connection is prepared there, and PostgreSQL then skips parsing and planning it on every later run — each page runs
/// the same 4–9 statements with other parameters. <c>Max Auto Prepare=0</c> turns it off (e.g. behind PgBouncer in
/// transaction mode older than 1.21, which cannot carry prepared statements). See https://www.npgsql.org/doc/prepare.html.</item>
/// <item><c>No Reset On Close=true</c>: a connection given back to the pool is not reset. By default Npgsql sends six
/// statements before the next command on it (<c>SET SESSION AUTHORIZATION DEFAULT; RESET ALL; CLOSE ALL; UNLISTEN *;
/// SELECT pg_advisory_unlock_all(); DISCARD SEQUENCES</c>), and EF Core gives a connection back after each query: a
/// report's page of 7 queries cost PostgreSQL 56 statements (measured with <c>bench/statements.sh</c>). EGI leaves
/// nothing on a session to reset: it sets no session variable, listens to nothing, takes only transaction-scoped advisory
/// locks; and a transaction left open is still rolled back when its connection is given back (Npgsql does that with or
/// without the reset).</item>
/// </list>
/// </summary>
public static class PostgresConnectionString
{
    /// <summary>Statements kept prepared per connection (least recently used first out): every page's statements fit.</summary>
    public const int DefaultMaxAutoPrepare = 100;

    /// <summary>The settings added when the configured string does not have them: key (as Npgsql spells it) and value.</summary>
    public static IReadOnlyList<(string Key, string Value)> Defaults { get; } =
    [
        ("Max Auto Prepare", DefaultMaxAutoPrepare.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("No Reset On Close", "true"),
    ];

    public static string WithDefaults(string configured)
    {
        var keys = new DbConnectionStringBuilder { ConnectionString = configured }.Keys.Cast<string>().Select(Canonical).ToHashSet();
        var missing = Defaults.Where(d => !keys.Contains(Canonical(d.Key))).Select(d => $"{d.Key}={d.Value}").ToList();
        return missing.Count == 0 ? configured : string.Join(';', [configured.TrimEnd().TrimEnd(';'), .. missing]);
    }

    private static string Canonical(string key) => key.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
}
