using System.Text;

namespace Egi.Web.Data.Migrations;

/// <summary>
/// Data conversion for the stable codes of the evaluation (issue #15): the JSON columns of "Evaluations" stored the
/// Spanish labels as identifiers ("Action":"Enviar"); they now store the enum names ("Action":"Submit"). A migration
/// runs <see cref="Sqlite"/> or <see cref="Postgres"/> (and <see cref="SqliteDown"/> / <see cref="PostgresDown"/> to go
/// back), e.g. <c>foreach (var sql in StableCodesSql.Sqlite) migrationBuilder.Sql(sql);</c>.
/// <para>
/// The table below is frozen on purpose: it is what the application wrote before the change, not today's
/// <c>Label()</c> (a label may change later; the old data does not). The statements use the providers' JSON functions,
/// so they match a label however it was escaped ("Decisi\u00f3n" or "Decisión"), only touch the one property of each
/// array element, keep the order of the elements and leave unknown values (already a code, or null) as they are:
/// running them twice changes nothing.
/// </para>
/// </summary>
public static class StableCodesSql
{
    /// <summary>One coded property of the elements of a JSON array column, and its old label → code.</summary>
    public sealed record CodedProperty(string Column, string Property, IReadOnlyList<(string Label, string Code)> Codes);

    public static readonly IReadOnlyList<CodedProperty> Properties =
    [
        new("History", "Role",
        [
            ("Evaluado", "Evaluado"),
            ("Evaluador", "Evaluator"),
            ("Comisión evaluadora", "Committee"),
            ("Talento Humano", "TalentoHumano"),
        ]),
        new("History", "Action",
        [
            ("Enviar", "Submit"),
            ("Aprobar", "Approve"),
            ("Rechazar", "Reject"),
            ("Modificar", "Modify"),
            ("Aceptar", "Accept"),
            ("No aceptar", "NotAccept"),
            ("Calificar competencias", "RateCompetencies"),
            ("Reasignar evaluador", "ReassignEvaluator"),
            ("Asignar comisión evaluadora", "AssignCommittee"),
            ("Reabrir paso", "ReopenStep"),
            ("Escalar a comisión", "Escalate"),
            ("Decisión de la comisión", "CommitteeDecision"),
            ("Cambio de evaluador", "ChangeEvaluator"),
            ("Registrar evaluación parcial", "RecordPartial"),
            ("Dispensar evaluación parcial", "WaivePartial"),
            ("Cierre por retiro", "CloseByRetirement"),
            ("Reabrir tras reintegro", "ReopenAfterRetirement"),
        ]),
        new("Versions", "Kind",
        [
            ("Propuesta del evaluado", "Proposal"),
            ("Modificación del evaluador", "Modification"),
            ("Decisión de la comisión", "CommitteeDecision"),
        ]),
        new("Tenures", "EndCause", Causes),
        new("Partials", "Cause", Causes),
    ];

    private static (string Label, string Code)[] Causes =>
    [
        ("Reasignación del evaluador por Talento Humano", "Reassignment"),
        ("Asignación de una Comisión Evaluadora", "Committee"),
        ("Cambio de jefe inmediato", "BossChange"),
        ("Traslado a otra dependencia", "DependencyChange"),
        ("Retiro del evaluador", "EvaluatorRetired"),
        ("Retiro del evaluado", "EvaluadoRetired"),
    ];

    /// <summary>SQLite (JSON as TEXT): labels → codes.</summary>
    public static string[] Sqlite => Properties.Select(p => SqliteStatement(p, toCodes: true)).ToArray();

    /// <summary>SQLite: codes → labels (the migration's Down).</summary>
    public static string[] SqliteDown => Properties.Select(p => SqliteStatement(p, toCodes: false)).ToArray();

    /// <summary>PostgreSQL (jsonb): labels → codes.</summary>
    public static string[] Postgres => Properties.Select(p => PostgresStatement(p, toCodes: true)).ToArray();

    /// <summary>PostgreSQL: codes → labels (the migration's Down).</summary>
    public static string[] PostgresDown => Properties.Select(p => PostgresStatement(p, toCodes: false)).ToArray();

    // A label equal to its code ("Evaluado") needs no change: leaving it out spares rewriting rows already in codes.
    private static IEnumerable<(string From, string To)> Pairs(CodedProperty p, bool toCodes) =>
        p.Codes.Where(c => c.Label != c.Code).Select(c => toCodes ? (c.Label, c.Code) : (c.Code, c.Label));

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string InList(CodedProperty p, bool toCodes) => string.Join(", ", Pairs(p, toCodes).Select(x => Literal(x.From)));

    private static string Case(string value, CodedProperty p, bool toCodes)
    {
        var sql = new StringBuilder($"CASE {value}");
        foreach (var (from, to) in Pairs(p, toCodes)) sql.Append($" WHEN {Literal(from)} THEN {Literal(to)}");
        return sql.Append(" END").ToString();
    }

    // json_each walks the array; json_extract decodes the string whatever its escaping; json_set replaces only that
    // property; json_group_array(... ORDER BY key) rebuilds the array in its order (SQLite 3.44+).
    private static string SqliteStatement(CodedProperty p, bool toCodes)
    {
        var column = $"\"{p.Column}\"";
        var path = $"'$.{p.Property}'";
        var current = $"json_extract(value, {path})";
        return $"""
            UPDATE "Evaluations" SET {column} = (
                SELECT json_group_array(CASE WHEN {current} IN ({InList(p, toCodes)}) THEN json_set(value, {path}, {Case(current, p, toCodes)}) ELSE json(value) END ORDER BY key)
                FROM json_each("Evaluations".{column}))
            WHERE {column} IS NOT NULL AND json_valid({column}) AND json_type({column}) = 'array'
              AND EXISTS (SELECT 1 FROM json_each("Evaluations".{column}) WHERE {current} IN ({InList(p, toCodes)}));
            """;
    }

    // jsonb_array_elements WITH ORDINALITY walks the array keeping its order; ->> gives the decoded text;
    // jsonb_set replaces only that property; jsonb_agg(... ORDER BY ordinal) rebuilds the array.
    private static string PostgresStatement(CodedProperty p, bool toCodes)
    {
        var column = $"\"{p.Column}\"";
        var current = $"element ->> {Literal(p.Property)}";
        var path = $"ARRAY[{Literal(p.Property)}]"; // no braces: the statements also run through ExecuteSqlRaw (a format string)
        return $"""
            UPDATE "Evaluations" SET {column} = (
                SELECT jsonb_agg(CASE WHEN {current} IN ({InList(p, toCodes)}) THEN jsonb_set(element, {path}, to_jsonb({Case(current, p, toCodes)}::text)) ELSE element END ORDER BY ordinal)
                FROM jsonb_array_elements("Evaluations".{column}) WITH ORDINALITY AS elements(element, ordinal))
            WHERE {column} IS NOT NULL AND jsonb_typeof({column}) = 'array'
              AND EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof("Evaluations".{column}) = 'array' THEN "Evaluations".{column} ELSE '[]'::jsonb END) AS elements(element)
                          WHERE {current} IN ({InList(p, toCodes)}));
            """;
    }
}
