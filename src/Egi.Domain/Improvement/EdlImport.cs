using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Egi.Domain.Directory;
using Egi.Domain.Directory.Import;
using Egi.Domain.Scoring;

namespace Egi.Domain.Improvement;

/// <summary>A valid row of the EDL file: the result it records and the one it replaces, if any.</summary>
public sealed record PlannedEdl(int Row, int ServantId, string Document, string Servant, int Year, decimal Score, RatingLevel Level,
    bool LevelDerived, decimal? PreviousScore, RatingLevel? PreviousLevel)
{
    public bool IsNew => PreviousScore is null;
    public bool Changes => IsNew || PreviousScore != Score || PreviousLevel != Level;
}

/// <summary>The outcome of checking an EDL file: its errors, or what it would record and replace.</summary>
public sealed class EdlImportPlan
{
    internal EdlImportPlan(IReadOnlyList<string> fileErrors, IReadOnlyList<ImportError> rowErrors, IReadOnlyList<PlannedEdl> rows,
        IReadOnlyList<string> ignoredColumns, int dataRows)
    {
        FileErrors = fileErrors;
        RowErrors = rowErrors;
        Creates = rows.Where(r => r.IsNew).ToList();
        Replaces = rows.Where(r => !r.IsNew && r.Changes).ToList();
        Unchanged = rows.Where(r => !r.Changes).ToList();
        IgnoredColumns = ignoredColumns;
        DataRows = dataRows;
        var sb = new StringBuilder();
        foreach (var e in fileErrors) sb.Append("F|").Append(e).Append('\n');
        foreach (var e in rowErrors) sb.Append("E|").Append(e.Row).Append('|').Append(e.Column).Append('|').Append(e.Message).Append('\n');
        foreach (var r in rows)
            sb.AppendJoin('|', r.ServantId, r.Year, r.Score.ToString(CultureInfo.InvariantCulture), r.Level, r.PreviousScore?.ToString(CultureInfo.InvariantCulture), r.PreviousLevel).Append('\n');
        Fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..32];
    }

    public IReadOnlyList<string> FileErrors { get; }
    public IReadOnlyList<ImportError> RowErrors { get; }
    public IReadOnlyList<PlannedEdl> Creates { get; }
    public IReadOnlyList<PlannedEdl> Replaces { get; }
    public IReadOnlyList<PlannedEdl> Unchanged { get; }
    public IReadOnlyList<string> IgnoredColumns { get; }
    public int DataRows { get; }
    public bool IsValid => FileErrors.Count == 0 && RowErrors.Count == 0;
    public bool HasChanges => Creates.Count > 0 || Replaces.Count > 0;

    /// <summary>A digest of what the plan writes and replaces: it changes if the results change between preview and confirmation.</summary>
    public string Fingerprint { get; }
}

/// <summary>
/// Import of the EDL results of career servants from the .xlsx or .csv the EDL application exports (SPEC §6), with the
/// rules of the servant import (SPEC §2): header row found by its names, every row checked first, errors by row and
/// column in Spanish, and only a file without errors gets a plan. A row names the servant by document, the year, the
/// calificación (0–100, comma or point, at most two decimals) and optionally the CNSC level; without a level it is
/// derived from the calificación with the scale of the EGI period of that year (SPEC §4: Sobresaliente ≥ 90,
/// No satisfactorio ≤ 65 by default). The same servant and year imported again replaces the earlier result. Pure.
/// </summary>
public static class EdlImport
{
    public const int MaxRows = 20000;
    public const string Document = "Document", Year = "Year", Score = "Score", Level = "Level";

    public static SheetColumns Layout { get; } = new(
    [
        new(Document, "Número de documento", true, "Documento del servidor de carrera, como está en el directorio (sin puntos).",
            ["documento", "numero documento", "no documento", "n documento", "cedula", "numero de cedula", "identificacion", "numero de identificacion",
             "documento de identidad", "documento evaluado", "cedula evaluado"]),
        new(Year, "Año", true, "Año del periodo evaluado de la EDL, por ejemplo 2025.",
            ["ano", "periodo", "periodo evaluado", "vigencia", "ano evaluado", "ano de evaluacion", "anio"]),
        new(Score, "Calificación", true, "Calificación definitiva de 0 a 100, con coma o punto decimal (por ejemplo 82,50).",
            ["calificacion definitiva", "calificacion final", "calificacion total", "puntaje", "puntaje total", "resultado", "nota", "porcentaje"]),
        new(Level, "Nivel", false,
            $"{EdlRules.AcceptedLevels} (con o sin tildes). Vacío: se calcula de la calificación con la escala de la vigencia (Sobresaliente ≥ 90, No satisfactorio ≤ 65 por defecto).",
            ["nivel de cumplimiento", "nivel alcanzado", "nivel de la calificacion", "nivel obtenido", "rango", "calificacion cualitativa"]),
    ]);

    /// <param name="levelOf">The level of a calificación under the scale of the year (the period's settings, or the defaults).</param>
    public static EdlImportPlan Plan(IReadOnlyList<SheetRow> rows, IReadOnlyList<Servant> servants, IReadOnlyList<EdlResult> existing,
        Func<int, decimal, RatingLevel> levelOf, int currentYear, int maxRows = MaxRows)
    {
        ArgumentNullException.ThrowIfNull(levelOf);
        var layout = Layout.Locate(rows, "resultados", maxRows);
        if (layout.FileErrors.Count > 0) return new EdlImportPlan(layout.FileErrors, [], [], layout.Ignored, layout.Data.Count);

        var byDocument = servants.GroupBy(s => ServantInput.NormalizeDocument(s.DocumentNumber)).ToDictionary(g => g.Key, g => g.First());
        var previous = existing.GroupBy(r => (r.ServantId, r.Year)).ToDictionary(g => g.Key, g => g.First());
        var errors = new List<ImportError>();
        var firstRow = new Dictionary<(int, int), int>();
        var planned = new List<PlannedEdl>();
        foreach (var row in layout.Data)
        {
            var before = errors.Count;
            string Text(string field) => layout.Text(row, field);
            void Error(string field, string message) => errors.Add(new ImportError(row.Number, Layout[field].Header, Text(field), message));

            Servant? servant = null;
            var (doc, docError) = CellValues.ToDocument(layout.Cell(row, Document));
            if (docError is not null) Error(Document, docError);
            else if (doc.Length == 0) Error(Document, "Falta el número de documento del servidor.");
            else if (!byDocument.TryGetValue(doc, out servant))
                Error(Document, $"No hay ningún servidor con documento {doc} en el directorio. Regístrelo primero en Directorio o corrija el número.");
            else if (!EdlRules.AppliesTo(servant.EmploymentType))
                Error(Document, $"{servant.FullName} tiene vinculación «{servant.EmploymentType.Label()}»: la evaluación de desempeño laboral (EDL) aplica a los servidores de carrera administrativa. " +
                    "Quite la fila o corrija la vinculación en el directorio.");

            var year = ReadYear(layout.Cell(row, Year), currentYear, m => Error(Year, m));
            var score = ReadScore(layout.Cell(row, Score), m => Error(Score, m));
            RatingLevel? level = null;
            var levelText = layout.Has(Level) ? Text(Level) : "";
            if (levelText.Length > 0)
            {
                level = EdlRules.ParseLevel(levelText);
                if (level is null) Error(Level, $"«{levelText}» no es un nivel de la EDL. Valores aceptados: {EdlRules.AcceptedLevels}, o vacío para calcularlo de la calificación.");
            }
            if (servant is not null && year is { } y && !firstRow.TryAdd((servant.Id, y), row.Number))
                Error(Document, $"{servant.FullName} ya tiene un resultado del año {y} en la fila {firstRow[(servant.Id, y)]}: deje una sola fila por servidor y año.");
            if (errors.Count > before) continue;

            var finalLevel = level ?? levelOf(year!.Value, score!.Value);
            var old = previous.GetValueOrDefault((servant!.Id, year!.Value));
            planned.Add(new PlannedEdl(row.Number, servant.Id, doc, servant.FullName, year.Value, score!.Value, finalLevel, level is null, old?.Score, old?.Level));
        }
        if (errors.Count > 0)
            return new EdlImportPlan([], errors.OrderBy(e => e.Row).ThenBy(e => Layout.Order(e.Column)).ToList(), [], layout.Ignored, layout.Data.Count);
        return new EdlImportPlan([], [], planned, layout.Ignored, layout.Data.Count);
    }

    private static int? ReadYear(object? cell, int currentYear, Action<string> error)
    {
        var text = CellValues.ToText(cell);
        if (text.Length == 0)
        {
            error("Falta el año del periodo evaluado (por ejemplo 2025).");
            return null;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 2000 || year > currentYear + 1)
        {
            error($"«{text}» no es un año válido: escriba el año del periodo evaluado con cuatro cifras, entre 2000 y {currentYear + 1} (por ejemplo 2025).");
            return null;
        }
        return year;
    }

    private static decimal? ReadScore(object? cell, Action<string> error)
    {
        const string Expected = "Escriba la calificación definitiva, un número de 0 a 100 con coma o punto decimal y máximo dos decimales (por ejemplo 82,50).";
        decimal value;
        switch (cell)
        {
            case double or float or decimal or int or long:
                var number = Convert.ToDecimal(cell, CultureInfo.InvariantCulture);
                // Excel keeps 82,45 as 82.4500000000001: a cell that rounds to two decimals within that noise is two decimals.
                value = Math.Abs(number - decimal.Round(number, 2)) < 0.000001m ? decimal.Round(number, 2) : number;
                break;
            default:
                var text = CellValues.ToText(cell).Replace(" ", "", StringComparison.Ordinal).TrimEnd('%');
                if (text.Length == 0)
                {
                    error("Falta la calificación. " + Expected);
                    return null;
                }
                if (text.Count(c => c is ',' or '.') > 1
                    || !decimal.TryParse(text.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
                {
                    error($"«{CellValues.ToText(cell)}» no es una calificación. {Expected}");
                    return null;
                }
                break;
        }
        if (value is < 0 or > 100)
        {
            error($"La calificación debe estar entre 0 y 100 (el archivo dice {value.ToString(CultureInfo.GetCultureInfo("es-CO"))}).");
            return null;
        }
        if (decimal.Round(value, 2) != value)
        {
            error($"La calificación admite máximo dos decimales (el archivo dice {value.ToString(CultureInfo.GetCultureInfo("es-CO"))}).");
            return null;
        }
        return value;
    }
}
