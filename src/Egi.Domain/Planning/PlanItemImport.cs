using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Egi.Domain.Directory;
using Egi.Domain.Directory.Import;

namespace Egi.Domain.Planning;

/// <summary>A valid row of the file and what it will do to the plan.</summary>
public sealed record PlannedItem(int Row, int? ExistingId, string Code, string Name, string Description, int? ResponsibleDependencyId,
    string ResponsibleLabel, IReadOnlyList<FieldChange> Changes)
{
    public bool IsNew => ExistingId is null;

    /// <summary>The item's values as the row gives them.</summary>
    public PlanItemValues Values => new(Code, Name, Description, ResponsibleDependencyId);
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

    public static SheetColumns Layout { get; } = new(
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
    ]);

    public static IReadOnlyList<SheetColumn> Columns => Layout.All;

    public static SheetColumn Column(string field) => Layout[field];

    /// <summary>Checks the rows of a sheet against the items the plan has and the dependencias; plans the changes when all are valid.</summary>
    public static PlanItemImportPlan Plan(IReadOnlyList<SheetRow> rows, IReadOnlyList<PlanItem> existing, IReadOnlyList<Dependency> dependencies, int maxRows = MaxRows)
    {
        var layout = Layout.Locate(rows, "ítems", maxRows);
        var (ignored, data) = (layout.Ignored, layout.Data);
        if (layout.FileErrors.Count > 0)
            return new PlanItemImportPlan(layout.FileErrors, [], [], [], [], ignored, data.Count);

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
            string Text(string field) => layout.Text(row, field);
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
            return new PlanItemImportPlan([], errors.OrderBy(e => e.Row).ThenBy(e => Layout.Order(e.Column)).ToList(), [], [], [], ignored, data.Count);
        }
        return new PlanItemImportPlan([], [],
            planned.Where(p => p.IsNew).ToList(),
            planned.Where(p => !p.IsNew && p.Changes.Count > 0).ToList(),
            planned.Where(p => !p.IsNew && p.Changes.Count == 0).ToList(),
            ignored, data.Count);
    }

}
