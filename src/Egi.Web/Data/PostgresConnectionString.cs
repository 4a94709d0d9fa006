using System.Data.Common;

namespace Egi.Web.Data;

/// <summary>
/// The PostgreSQL connection string EGI opens: the configured one, with Npgsql's automatic preparation on
/// (<c>Max Auto Prepare</c>) unless the configuration says otherwise. A statement run
/// five times (Npgsql's <c>Auto Prepare Min Usages</c>) on a pooled connection is prepared there, and PostgreSQL then skips
/// parsing and planning it on every later run — each page runs the same 4–9 statements with other parameters.
/// <c>Max Auto Prepare=0</c> in the configured string turns it off (e.g. behind PgBouncer in transaction mode older
/// than 1.21, which cannot carry prepared statements). See https://www.npgsql.org/doc/prepare.html.
/// </summary>
public static class PostgresConnectionString
{
    /// <summary>Statements kept prepared per connection (least recently used first out): every page's statements fit.</summary>
    public const int DefaultMaxAutoPrepare = 100;

    public static string WithDefaults(string configured)
    {
        var keys = new DbConnectionStringBuilder { ConnectionString = configured }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant());
        return keys.Contains("maxautoprepare")
            ? configured
            : $"{configured.TrimEnd().TrimEnd(';')};Max Auto Prepare={DefaultMaxAutoPrepare}";
    }
}
