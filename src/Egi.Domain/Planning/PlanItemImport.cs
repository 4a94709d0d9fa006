using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Egi.Domain.Directory;
using Egi.Domain.Directory.Import;

namespace Egi.Domain.Planning;

/// <summary>A column of the plan-items file: Spanish header, other names it may have, and what to write.</summary>
public sealed record PlanItemColumn(string Field, string Header, bool Required, string Description, string[] Synonyms);

/// <summary>A valid row of the file and what it will do to the plan.</summary>
public sealed record PlannedItem(int Row, int? ExistingId, string Code, string Name, string Description, int? ResponsibleDependencyId,
    string ResponsibleLabel, IReadOnlyList<FieldChange> Changes)
{
    public bool IsNew => ExistingId is null;
}

/// <summary>The outcome of checking a plan-items file: its errors, or what it would create and update.</summary>
public sealed class PlanItemImportPlan
{
    internal PlanItemImportPlan(IReadOnlyList<string> fileErrors, IReadOnlyList<ImportError> rowErrors, IReadOnlyList<PlannedItem> creates,
        IReadOnlyList<PlannedItem> updates, IReadOnlyList<PlannedItem> unchanged, IReadOnlyList<string> ignoredColumns, int dataRows)
    {
        FileErrors = fileErrors;
        RowErrors = rowErrors;
        Creates = creates;
        Updates = updates;
        Unchanged = unchanged;
        IgnoredColumns = ignoredColumns;
        DataRows = dataRows;
        var sb = new StringBuilder();
        foreach (var e in fileErrors) sb.Append("F|").Append(e).Append('\n');
        foreach (var e in rowErrors) sb.Append("E|").Append(e.Row).Append('|').Append(e.Column).Append('|').Append(e.Message).Append('\n');
        foreach (var i in creates.Concat(updates).Concat(unchanged))
        {
            sb.Append(i.IsNew ? "C|" : "U|").AppendJoin('|', i.ExistingId, i.Code, i.Name, i.Description, i.ResponsibleDependencyId);
            foreach (var c in i.Changes) sb.Append('|').Append(c.Field).Append(':').Append(c.Before).Append('>').Append(c.After);
            sb.Append('\n');
        }
        Fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..32];
    }

    public IReadOnlyList<string> FileErrors { get; }
    public IReadOnlyList<ImportError> RowErrors { get; }
    public IReadOnlyList<PlannedItem> Creates { get; }
    public IReadOnlyList<PlannedItem> Updates { get; }
    public IReadOnlyList<PlannedItem> Unchanged { get; }
    public IReadOnlyList<string> IgnoredColumns { get; }
    public int DataRows { get; }
    public bool IsValid => FileErrors.Count == 0 && RowErrors.Count == 0;
    public bool HasChanges => Creates.Count > 0 || Updates.Count > 0;

    /// <summary>A digest of what the plan writes and replaces: it changes if the plan is edited between preview and confirmation.</summary>
    public string Fingerprint { get; }
}

/// <summary>
/// Import of the items of one institutional plan from a sheet (SPEC §7), with the rules of the servant import
/// (SPEC §2): the header row is found by its names (any order, with or without accents), every row is checked first,
/// errors are reported by row and column in Spanish, and only a file without errors gets a plan. Items are matched
/// by code within the plan (created or updated); items not in the file are left as they are. Pure.
/// </summary>
public static class PlanItemImport
{
    public const int MaxRows = 2000;
    public const string Code = "Code", Name = "Name", Description = "Description", Responsible = "Responsible";

    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es-CO");

    public static IReadOnlyList<PlanItemColumn> Columns { get; } =
    [
        new(Code, "Código", true, "Código del ítem en el plan (por ejemplo 2.1 o PA-03). No puede repetirse en el plan: si ya existe, el ítem se actualiza.",
            ["codigo del item", "cod", "numeral", "id", "codigo item"]),
        new(Name, "Nombre", true, "Nombre del programa, objetivo, meta o actividad.",
            ["nombre del item", "item", "objetivo", "programa", "actividad", "meta", "linea"]),
        new(Description, "Descripción", false, "Texto que ayuda a los servidores a elegir el ítem. Vacía si no aplica.",
            ["descripcion del item", "detalle", "observaciones"]),
        new(Responsible, "Dependencia responsable", false,
            "Código o nombre exacto de una dependencia del directorio. Vacía: toda la entidad (o la dependencia del plan de acción).",
            ["dependencia", "responsable", "area responsable", "codigo dependencia", "codigo de dependencia"]),
    ];

    private static readonly Dictionary<string, string> FieldByKey = Columns
        .SelectMany(c => c.Synonyms.Append(c.Header).Select(s => (Key: ImportColumns.Key(s), c.Field)))
        .GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.First().Field);

    public static PlanItemColumn Column(string field) => Columns.First(c => c.Field == field);

    /// <summary>Checks the rows of a sheet against the items the plan has and the dependencias; plans the changes when all are valid.</summary>
    public static PlanItemImportPlan Plan(IReadOnlyList<SheetRow> rows, IReadOnlyList<PlanItem> existing, IReadOnlyList<Dependency> dependencies, int maxRows = MaxRows)
    {
        var nonBlank = rows.Where(r => !r.IsBlank).ToList();
        if (nonBlank.Count == 0)
            return Refused("El archivo está vacío: no tiene encabezados ni filas de ítems.");

        int Recognized(SheetRow r) => r.Cells.Select(c => FieldByKey.GetValueOrDefault(ImportColumns.Key(CellValues.ToText(c)))).Where(f => f is not null).Distinct().Count();
        var header = nonBlank.Take(10).FirstOrDefault(r => Recognized(r) >= 2) ?? nonBlank[0];
        var map = new Dictionary<string, int>();
        var ignored = new List<string>();
        var fileErrors = new List<string>();
        for (var i = 0; i < header.Cells.Count; i++)
        {
            var text = CellValues.ToText(header.Cells[i]);
            if (text.Length == 0) continue;
            if (FieldByKey.GetValueOrDefault(ImportColumns.Key(text)) is not { } field) ignored.Add(text);
            else if (map.TryGetValue(field, out var first))
                fileErrors.Add($"Hay columnas repetidas: «{Column(field).Header}» aparece en las columnas {ImportColumns.ColumnLetter(first)} y {ImportColumns.ColumnLetter(i)}. Deje solo una.");
            else map[field] = i;
        }
        var missing = Columns.Where(c => c.Required && !map.ContainsKey(c.Field)).Select(c => $"«{c.Header}»").ToList();
        if (missing.Count > 0)
            fileErrors.Insert(0, $"Faltan columnas obligatorias: {string.Join(", ", missing)}. " +
                "La primera fila debe tener los encabezados de las columnas; descargue la plantilla para ver el formato.");
        var data = nonBlank.Where(r => r.Number > header.Number).ToList();
        if (fileErrors.Count == 0 && data.Count == 0)
            fileErrors.Add("El archivo no tiene filas de ítems debajo de los encabezados.");
        if (data.Count > maxRows)
            fileErrors.Add($"El archivo tiene más de {maxRows.ToString("N0", Spanish)} filas con ítems, el máximo por importación. Divídalo en varios archivos.");
        if (fileErrors.Count > 0)
            return new PlanItemImportPlan(fileErrors, [], [], [], [], ignored, data.Count);

        var byCode = dependencies.GroupBy(d => d.Code.Trim().ToUpperInvariant()).ToDictionary(g => g.Key, g => g.First());
        var byName = dependencies.GroupBy(d => DirectoryLabels.Normalize(d.Name)).ToDictionary(g => g.Key, g => g.ToList());
        var sample = dependencies.Where(d => d.Active).OrderBy(d => d.Code, StringComparer.Ordinal).FirstOrDefault()?.Code ?? "100";
        var existingByCode = existing.GroupBy(i => PlanItem.NormalizeCode(i.Code).ToUpperInvariant()).ToDictionary(g => g.Key, g => g.First());

        var errors = new List<ImportError>();
        var firstRowOfCode = new Dictionary<string, int>();
        var planned = new List<PlannedItem>();
        foreach (var row in data)
        {
            var before = errors.Count;
            object? Cell(string field) => map.TryGetValue(field, out var i) && i < row.Cells.Count ? row.Cells[i] : null;
            string Text(string field) => CellValues.ToText(Cell(field));
            void Error(string field, string message) => errors.Add(new ImportError(row.Number, Column(field).Header, Text(field), message));

            var code = PlanItem.NormalizeCode(Text(Code));
            var name = Text(Name);
            var description = Text(Description);
            Dependency? responsible = null;
            var depText = Text(Responsible);
            if (depText.Length > 0)
            {
                if (byCode.TryGetValue(depText.ToUpperInvariant(), out var d)) responsible = d;
                else if (byName.TryGetValue(DirectoryLabels.Normalize(depText), out var named))
                {
                    if (named.Count > 1)
                        Error(Responsible, $"Hay {named.Count} dependencias con el nombre «{depText}»: escriba el código ({string.Join(" o ", named.Select(n => n.Code))}).");
                    else responsible = named[0];
                }
                else
                    Error(Responsible, $"No existe una dependencia con el código o el nombre «{depText}». Escriba el código (por ejemplo {sample}) o el nombre exacto, como aparecen en Dependencias.");
            }
            var key = code.ToUpperInvariant();
            existingByCode.TryGetValue(key, out var current);
            foreach (var e in PlanItem.Validate(code, name, description, responsible?.Id, _ => false, _ => true))
                Error(e.Field == "Code" ? Code : e.Field == "Name" ? Name : e.Field == "Description" ? Description : Responsible, e.Message);
            if (code.Length > 0 && !firstRowOfCode.TryAdd(key, row.Number))
                Error(Code, $"El código «{code}» ya aparece en la fila {firstRowOfCode[key]}: cada ítem debe estar una sola vez en el archivo.");
            if (errors.Count > before) continue;

            var label = responsible is null ? "Toda la entidad" : $"{responsible.Code} — {responsible.Name}";
            var changes = new List<FieldChange>();
            if (current is not null)
            {
                string DepLabel(int? id) => id is { } x && dependencies.FirstOrDefault(d => d.Id == x) is { } dd ? $"{dd.Code} — {dd.Name}" : "Toda la entidad";
                void Compare(string header, string b, string a)
                {
                    if (b != a) changes.Add(new(header, b.Length == 0 ? "(vacío)" : b, a.Length == 0 ? "(vacío)" : a));
                }
                Compare("Código", current.Code, code);
                Compare("Nombre", current.Name, name);
                Compare("Descripción", current.Description, description);
                if (current.ResponsibleDependencyId != responsible?.Id)
                    changes.Add(new("Dependencia responsable", DepLabel(current.ResponsibleDependencyId), label));
            }
            planned.Add(new PlannedItem(row.Number, current?.Id, code, name, description, responsible?.Id, label, changes));
        }
        if (errors.Count > 0)
        {
            var order = Columns.Select((c, i) => (c.Header, i)).ToDictionary(p => p.Header, p => p.i);
            return new PlanItemImportPlan([], errors.OrderBy(e => e.Row).ThenBy(e => order.GetValueOrDefault(e.Column, int.MaxValue)).ToList(), [], [], [], ignored, data.Count);
        }
        return new PlanItemImportPlan([], [],
            planned.Where(p => p.IsNew).ToList(),
            planned.Where(p => !p.IsNew && p.Changes.Count > 0).ToList(),
            planned.Where(p => !p.IsNew && p.Changes.Count == 0).ToList(),
            ignored, data.Count);
    }

    private static PlanItemImportPlan Refused(string message) => new([message], [], [], [], [], [], 0);
}
