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
/// statement of thousands of parameters costs quadratic time. Except long texts and texts with line breaks (e-mail
/// bodies, audit snapshots), which go as parameters (at most <see cref="MaxParameters"/> a statement): a literal writes
/// each line break as <c>' || CHAR(10) || '</c>, which SQLite then concatenates piece by piece, copying the text each
/// time. A statement carries up to <see cref="MaxRows"/> rows
/// (fewer past <see cref="MaxChars"/> characters) and runs through EF Core (same connection, transaction,
/// interceptors). A key the database generates is read back with RETURNING and set on the entity.
/// On PostgreSQL, from <see cref="CopyFrom"/> rows on, they go instead in one binary COPY on the same connection and
/// transaction (<see cref="CopyAsync"/>).
/// </summary>
internal static class BulkInsert
{
    /// <summary>Rows per statement at most.</summary>
    public const int MaxRows = 1000;

    /// <summary>
    /// A statement is closed once its text passes this length: its text (and the copies EF Core and SQLite make of it)
    /// stays under the runtime's large-object threshold (85 000 bytes), whose allocations are collected only with the
    /// whole heap.
    /// </summary>
    public const int MaxChars = 30_000;

    /// <summary>A statement is closed once it binds this many parameters (the long texts).</summary>
    public const int MaxParameters = 2_000;

    /// <summary>
    /// PostgreSQL: from this many rows on, a binary COPY; fewer go in one INSERT of literals, one round trip where a COPY
    /// takes two and holds the connection in between (the goals' links of one save: bench/window.sh, the COPY's time on
    /// the server ten times the INSERT's under 32 saves at once, «19:30 UTC on 06/12/2026»).
    /// </summary>
    public const int CopyFrom = 50;

    /// <summary>A text at least this long is bound as a parameter rather than written as a literal.</summary>
    private const int LongText = 200;

    /// <summary>Whether a value goes as a parameter: a long text, or one with a control character (a line break).</summary>
    private static bool Bound(object value) =>
        value is string s && (s.Length >= LongText || s.AsSpan().IndexOfAnyInRange('\0', '\u001f') >= 0);

    /// <summary>Whether the rows of <paramref name="type"/> can be written by <see cref="InsertAsync"/>.</summary>
    public static bool Supports(IEntityType type) =>
        !type.IsOwned() && type.GetTableName() is not null && !type.GetComplexProperties().Any()
        && !type.GetNavigations().Any(n => n.TargetEntityType.IsOwned())
        && type.GetProperties().All(p => p.PropertyInfo is not null || p.FieldInfo is not null);

    /// <summary>Inserts <paramref name="entities"/> (all of <paramref name="type"/>); returns how many statements ran.</summary>
    public static Task<int> InsertAsync(DbContext db, IEntityType type, IReadOnlyList<object> entities, CancellationToken ct)
    {
        if (!Supports(type)) throw new InvalidOperationException($"{type.DisplayName()} cannot be inserted in bulk (owned parts, complex or shadow properties).");
        return InsertAsync(db, type, entities, shadow: null, ct);
    }

    /// <summary>
    /// Inserts new aggregates of <paramref name="type"/> (an entity whose owned parts are new too): its scalar columns, the
    /// columns of its complex properties (stored facts), its JSON-mapped owned collections — which must be empty or null
    /// (written '[]' or NULL, as SaveChanges writes a new aggregate's empty collection) — and shadow columns (an owned
    /// row's foreign key) from <paramref name="shadow"/>. Owned parts in their own tables are not written: insert them
    /// with their own call. Returns how many statements ran.
    /// </summary>
    public static Task<int> InsertAsync(DbContext db, IEntityType type, IReadOnlyList<object> entities, Func<IProperty, object, object?>? shadow,
        CancellationToken ct) => WriteAsync(db, type, entities, shadow, upsert: false, ct);

    /// <summary>
    /// Writes <paramref name="entities"/> (all of <paramref name="type"/>, a plain entity whose key the database does not
    /// generate) with <c>INSERT … ON CONFLICT (key) DO UPDATE</c>: a row whose key is stored is replaced, a new one is
    /// added. On both databases as SQL literals (not PostgreSQL's COPY): for the few rows a save replaces (a dependencia's
    /// tallies), one statement where a delete and a copy took three round trips. Returns how many statements ran.
    /// </summary>
    public static Task<int> UpsertAsync(DbContext db, IEntityType type, IReadOnlyList<object> entities, CancellationToken ct)
    {
        if (!Supports(type)) throw new InvalidOperationException($"{type.DisplayName()} cannot be written in bulk (owned parts, complex or shadow properties).");
        return WriteAsync(db, type, entities, shadow: null, upsert: true, ct);
    }

    private static async Task<int> WriteAsync(DbContext db, IEntityType type, IReadOnlyList<object> entities, Func<IProperty, object, object?>? shadow,
        bool upsert, CancellationToken ct)
    {
        if (entities.Count == 0) return 0;
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var key = type.FindPrimaryKey()?.Properties is [var only] && only.ValueGenerated == ValueGenerated.OnAdd
            && (only.ClrType == typeof(int) || only.ClrType == typeof(long)) ? only : null;
        var columns = new List<Column>();
        foreach (var p in type.GetProperties().Where(p => p != key))
        {
            var column = p.GetColumnName(table) ?? throw new InvalidOperationException($"{type.DisplayName()}.{p.Name} has no column in {table.Name}.");
            Func<object, object?> value = p.PropertyInfo is null && p.FieldInfo is null
                ? shadow is null ? throw new InvalidOperationException($"{type.DisplayName()}.{p.Name} is a shadow property: give its values.") : e => shadow(p, e)
                : e => ValueOf(p, e);
            columns.Add(new(column, p.GetRelationalTypeMapping(), value));
        }
        foreach (var complex in type.GetComplexProperties())
        {
            if (complex.IsCollection || complex.PropertyInfo is not { } holder) throw new InvalidOperationException($"{type.DisplayName()}.{complex.Name} cannot be inserted in bulk.");
            foreach (var p in complex.ComplexType.GetProperties())
                columns.Add(new(p.GetColumnName(table)!, p.GetRelationalTypeMapping(), e => holder.GetValue(e) is { } part ? ValueOf(p, part) : null));
        }
        var text = db.GetService<IRelationalTypeMappingSource>().FindMapping(typeof(string))!;
        foreach (var n in type.GetNavigations().Where(n => n.TargetEntityType.IsOwned() && n.TargetEntityType.IsMappedToJson()))
        {
            var info = n.PropertyInfo ?? throw new InvalidOperationException($"{type.DisplayName()}.{n.Name} cannot be inserted in bulk.");
            columns.Add(new(n.TargetEntityType.GetContainerColumnName()!, text, e => info.GetValue(e) switch
            {
                null => null,
                System.Collections.ICollection { Count: 0 } when n.IsCollection => "[]",
                _ => throw new InvalidOperationException($"{type.DisplayName()}.{n.Name} is not empty: only new aggregates with empty JSON parts are inserted in bulk."),
            }, n.TargetEntityType.GetContainerColumnType() ?? "jsonb"));
        }
        if (db.Database.IsNpgsql() && !upsert && entities.Count >= CopyFrom) return await CopyAsync(db, table, key, columns, entities, ct);

        var head = new StringBuilder("INSERT INTO ").Append(sql.DelimitIdentifier(table.Name, table.Schema)).Append(" (")
            .AppendJoin(", ", columns.Select(c => sql.DelimitIdentifier(c.Name))).Append(") VALUES ").ToString();
        var tail = key is null ? "" : $" RETURNING {sql.DelimitIdentifier(key.GetColumnName(table)!)}";
        if (upsert)
        {
            if (key is not null || type.FindPrimaryKey() is not { } primary)
                throw new InvalidOperationException($"{type.DisplayName()} is upserted on a key it gives itself: its key must not be generated.");
            var keyColumns = primary.Properties.Select(p => p.GetColumnName(table)!).ToHashSet();
            tail = new StringBuilder(" ON CONFLICT (").AppendJoin(", ", keyColumns.Select(c => sql.DelimitIdentifier(c))).Append(") DO UPDATE SET ")
                .AppendJoin(", ", columns.Where(c => !keyColumns.Contains(c.Name)).Select(c => $"{sql.DelimitIdentifier(c.Name)} = excluded.{sql.DelimitIdentifier(c.Name)}"))
                .ToString();
        }

        var commands = db.GetService<IRelationalCommandBuilderFactory>();
        var connection = db.GetService<IRelationalConnection>();
        var logger = db.GetService<Microsoft.EntityFrameworkCore.Diagnostics.IRelationalCommandDiagnosticsLogger>();
        var statements = 0;
        var next = 0;
        while (next < entities.Count)
        {
            var statement = new StringBuilder(head);
            // A command of EF Core's own (its connection, transaction, logging and interceptors), not a raw SQL query:
            // that would take the text for a format string and cache it as a query.
            var builder = commands.Create();
            var bound = new Dictionary<string, object?>();
            var first = next;
            while (next < entities.Count && next - first < MaxRows
                   && (next == first || statement.Length < MaxChars && bound.Count + columns.Count <= MaxParameters))
            {
                statement.Append(next == first ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    var (_, mapping, valueOf, _) = columns[c];
                    if (c > 0) statement.Append(", ");
                    var value = valueOf(entities[next]);
                    if (value is null) statement.Append("NULL");
                    else if (Bound(value))
                    {
                        var name = "b" + bound.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        builder.AddParameter(name, sql.GenerateParameterName(name), mapping, nullable: false);
                        bound[name] = value;
                        statement.Append(sql.GenerateParameterNamePlaceholder(name));
                    }
                    else statement.Append(mapping.GenerateSqlLiteral(value));
                }
                statement.Append(')');
                next++;
            }
            statement.Append(tail);
            statements++;
            var command = builder.Append(statement.ToString()).Build();
            var parameters = new RelationalCommandParameterObject(connection, bound.Count == 0 ? null : bound, null, db, logger);
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

    /// <summary>A column written: its name, its type mapping (literal, parameter, value converter), how to read its value from an entity, and, for a JSON document, its store type.</summary>
    private sealed record Column(string Name, RelationalTypeMapping Mapping, Func<object, object?> Value, string? DocumentType = null);

    /// <summary>
    /// PostgreSQL: the rows in one binary <c>COPY … FROM STDIN</c> (Npgsql's importer, on EF Core's connection and
    /// transaction) instead of multi-row INSERTs, which PostgreSQL parsed and planned a literal at a time (1 000 new
    /// evaluations: 200–270 ms a statement). A key the database generates is taken first from the column's identity
    /// sequence, one <c>nextval</c> per row in one query, and written explicitly. Each value goes after its mapping's
    /// value converter, typed by its column's store type. Npgsql's own commands: EF Core's command log and interceptors
    /// do not see them. Returns how many commands ran: the sequence's query (when a key is generated) and the copy.
    /// </summary>
    private static async Task<int> CopyAsync(DbContext db, StoreObjectIdentifier table, IProperty? key, List<Column> columns,
        IReadOnlyList<object> entities, CancellationToken ct)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var connection = db.GetService<IRelationalConnection>();
        var tableName = sql.DelimitIdentifier(table.Name, table.Schema);
        await connection.OpenAsync(ct);
        try
        {
            var npgsql = (Npgsql.NpgsqlConnection)connection.DbConnection;
            var commands = 1;
            long[]? ids = null;
            if (key is not null)
            {
                ids = new long[entities.Count];
                await using (var next = npgsql.CreateCommand())
                {
                    next.CommandText = "SELECT nextval(pg_get_serial_sequence(@table, @column)) FROM generate_series(1, @rows)";
                    next.Parameters.AddWithValue("table", tableName);
                    next.Parameters.AddWithValue("column", key.GetColumnName(table)!);
                    next.Parameters.AddWithValue("rows", entities.Count);
                    await using var reader = await next.ExecuteReaderAsync(ct);
                    var i = 0;
                    while (await reader.ReadAsync(ct)) ids[i++] = reader.GetInt64(0);
                    if (i != entities.Count) throw new InvalidOperationException($"The sequence of {table.Name} gave {i} keys for {entities.Count} rows.");
                }
                Array.Sort(ids);
                commands++;
            }
            var names = (key is null ? [] : new[] { key.GetColumnName(table)! }).Concat(columns.Select(c => c.Name)).Select(n => sql.DelimitIdentifier(n));
            var types = columns.Select(c => c.DocumentType ?? StoreTypeOf(c.Mapping)).ToArray();
            var keyType = key is null ? null : StoreTypeOf(key.GetRelationalTypeMapping());
            await using (var importer = await npgsql.BeginBinaryImportAsync($"COPY {tableName} ({string.Join(", ", names)}) FROM STDIN (FORMAT BINARY)", ct))
            {
                for (var r = 0; r < entities.Count; r++)
                {
                    await importer.StartRowAsync(ct);
                    if (ids is not null)
                    {
                        if (key!.ClrType == typeof(int)) await importer.WriteAsync(checked((int)ids[r]), keyType!, ct);
                        else await importer.WriteAsync(ids[r], keyType!, ct);
                    }
                    for (var c = 0; c < columns.Count; c++)
                    {
                        var value = columns[c].Value(entities[r]);
                        if (value is null) await importer.WriteNullAsync(ct);
                        else await importer.WriteAsync(columns[c].Mapping.Converter?.ConvertToProvider(value) ?? value, types[c], ct);
                    }
                }
                await importer.CompleteAsync(ct);
            }
            if (ids is not null)
                for (var r = 0; r < entities.Count; r++)
                    SetValue(key!, entities[r], key!.ClrType == typeof(int) ? (object)checked((int)ids[r]) : ids[r]);
            return commands;
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    /// <summary>The store type without its facets («character varying(200)» → «character varying»), as Npgsql names a type.</summary>
    private static string StoreTypeOf(RelationalTypeMapping mapping) =>
        System.Text.RegularExpressions.Regex.Replace(mapping.StoreType, @"\(\s*\d+\s*(,\s*\d+\s*)?\)", "");

    private static object? ValueOf(IProperty p, object entity) =>
        p.PropertyInfo is { } pi ? pi.GetValue(entity) : p.FieldInfo!.GetValue(entity);

    private static void SetValue(IProperty p, object entity, object value)
    {
        if (p.PropertyInfo is { CanWrite: true } pi) pi.SetValue(entity, value);
        else p.FieldInfo!.SetValue(entity, value);
    }
}
