using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Egi.Web.Data;

/// <summary>
/// Multi-row INSERTs of plain entities (one table, scalar columns only), built from the EF Core model: table and
/// column names, and each value written as the SQL literal of its column's type mapping, after its value converter
/// (SQLite's whole hundredths, UTC dates, enums…) — the way EF Core writes seed data — so the rows are exactly those
/// SaveChanges would write. Literals, not parameters: SQLite looks a named parameter up by a linear search, so a
/// statement of thousands of parameters costs quadratic time. A statement carries up to <see cref="MaxRows"/> rows
/// (fewer past <see cref="MaxChars"/> characters) and runs through EF Core (same connection, transaction,
/// interceptors). A key the database generates is read back with RETURNING and set on the entity.
/// </summary>
internal static class BulkInsert
{
    /// <summary>Rows per statement at most.</summary>
    public const int MaxRows = 1000;

    /// <summary>A statement is closed once its text passes this length (long texts: the bodies of e-mails).</summary>
    public const int MaxChars = 8_000_000;

    /// <summary>Whether the rows of <paramref name="type"/> can be written by <see cref="InsertAsync"/>.</summary>
    public static bool Supports(IEntityType type) =>
        !type.IsOwned() && type.GetTableName() is not null && !type.GetComplexProperties().Any()
        && !type.GetNavigations().Any(n => n.TargetEntityType.IsOwned())
        && type.GetProperties().All(p => p.PropertyInfo is not null || p.FieldInfo is not null);

    /// <summary>Inserts <paramref name="entities"/> (all of <paramref name="type"/>); returns how many statements ran.</summary>
    public static async Task<int> InsertAsync(DbContext db, IEntityType type, IReadOnlyList<object> entities, CancellationToken ct)
    {
        if (entities.Count == 0) return 0;
        if (!Supports(type)) throw new InvalidOperationException($"{type.DisplayName()} cannot be inserted in bulk (owned parts, complex or shadow properties).");
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var key = type.FindPrimaryKey()?.Properties is [var only] && only.ValueGenerated == ValueGenerated.OnAdd
            && (only.ClrType == typeof(int) || only.ClrType == typeof(long)) ? only : null;
        var columns = type.GetProperties().Where(p => p != key).Select(p => (Column: p, Mapping: p.GetRelationalTypeMapping())).ToList();
        var head = new StringBuilder("INSERT INTO ").Append(sql.DelimitIdentifier(table.Name, table.Schema)).Append(" (")
            .AppendJoin(", ", columns.Select(c => sql.DelimitIdentifier(c.Column.GetColumnName(table)!))).Append(") VALUES ").ToString();
        var tail = key is null ? "" : $" RETURNING {sql.DelimitIdentifier(key.GetColumnName(table)!)}";

        var commands = db.GetService<IRelationalCommandBuilderFactory>();
        var connection = db.GetService<IRelationalConnection>();
        var logger = db.GetService<Microsoft.EntityFrameworkCore.Diagnostics.IRelationalCommandDiagnosticsLogger>();
        var statements = 0;
        var next = 0;
        while (next < entities.Count)
        {
            var text = new StringBuilder(head);
            var first = next;
            while (next < entities.Count && next - first < MaxRows && (next == first || text.Length < MaxChars))
            {
                text.Append(next == first ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    var (column, mapping) = columns[c];
                    if (c > 0) text.Append(", ");
                    var value = ValueOf(column, entities[next]);
                    text.Append(value is null ? "NULL" : mapping.GenerateSqlLiteral(value));
                }
                text.Append(')');
                next++;
            }
            text.Append(tail);
            statements++;
            // A command of EF Core's own (its connection, transaction, logging and interceptors), not a raw SQL query:
            // that would take the text for a format string and cache it as a query.
            var command = commands.Create().Append(text.ToString()).Build();
            var parameters = new RelationalCommandParameterObject(connection, null, null, db, logger);
            if (key is null)
            {
                await command.ExecuteNonQueryAsync(parameters, ct);
                continue;
            }
            // Both databases number the rows of one INSERT in the order of its VALUES: the keys, sorted, are the rows' keys.
            var ids = new List<long>(next - first);
            await using (var reader = await command.ExecuteReaderAsync(parameters, ct))
                while (await reader.ReadAsync(ct)) ids.Add(Convert.ToInt64(reader.DbDataReader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
            if (ids.Count != next - first) throw new InvalidOperationException($"The insert of {next - first} rows of {type.DisplayName()} returned {ids.Count} keys.");
            ids.Sort();
            for (var r = first; r < next; r++)
                SetValue(key, entities[r], key.ClrType == typeof(int) ? (object)checked((int)ids[r - first]) : ids[r - first]);
        }
        return statements;
    }

    private static object? ValueOf(IProperty p, object entity) =>
        p.PropertyInfo is { } pi ? pi.GetValue(entity) : p.FieldInfo!.GetValue(entity);

    private static void SetValue(IProperty p, object entity, object value)
    {
        if (p.PropertyInfo is { CanWrite: true } pi) pi.SetValue(entity, value);
        else p.FieldInfo!.SetValue(entity, value);
    }
}
