using System.Security.Cryptography;
using System.Text;
using Egi.Domain.Directory;
using Egi.Domain.Directory.Import;

namespace Egi.Domain.Process;

/// <summary>An invitee of the session as the attendance import checks a list against it.</summary>
public sealed record AttendanceInvitee(int ServantId, string Document, string Name, bool Attended);

/// <summary>A valid row of the list: the invitee it names, and whether the register already had them as attended.</summary>
public sealed record PlannedAttendance(int Row, int ServantId, string Document, string Name, bool AlreadyMarked);

/// <summary>The outcome of checking an attendance list: its errors, or whom it marks as attended.</summary>
public sealed class AttendanceImportPlan
{
    internal AttendanceImportPlan(IReadOnlyList<string> fileErrors, IReadOnlyList<ImportError> rowErrors, IReadOnlyList<PlannedAttendance> attended,
        int notAttendedRows, IReadOnlyList<string> ignoredColumns, int dataRows)
    {
        FileErrors = fileErrors;
        RowErrors = rowErrors;
        Marks = attended.Where(a => !a.AlreadyMarked).ToList();
        AlreadyMarked = attended.Where(a => a.AlreadyMarked).ToList();
        NotAttendedRows = notAttendedRows;
        IgnoredColumns = ignoredColumns;
        DataRows = dataRows;
        var sb = new StringBuilder();
        foreach (var e in fileErrors) sb.Append("F|").Append(e).Append('\n');
        foreach (var e in rowErrors) sb.Append("E|").Append(e.Row).Append('|').Append(e.Column).Append('|').Append(e.Message).Append('\n');
        foreach (var a in attended) sb.AppendJoin('|', a.ServantId, a.AlreadyMarked).Append('\n');
        Fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..32];
    }

    public IReadOnlyList<string> FileErrors { get; }
    public IReadOnlyList<ImportError> RowErrors { get; }

    /// <summary>The invitees the list marks as attended who were not marked yet.</summary>
    public IReadOnlyList<PlannedAttendance> Marks { get; }

    /// <summary>The invitees of the list already marked as attended (nothing changes for them).</summary>
    public IReadOnlyList<PlannedAttendance> AlreadyMarked { get; }

    /// <summary>Rows that say «Asistió: No»: nobody is unmarked by a list, they are only counted.</summary>
    public int NotAttendedRows { get; }

    public IReadOnlyList<string> IgnoredColumns { get; }
    public int DataRows { get; }
    public bool IsValid => FileErrors.Count == 0 && RowErrors.Count == 0;
    public bool HasChanges => Marks.Count > 0;

    /// <summary>Every invitee the list names as attended (new or not).</summary>
    public IReadOnlySet<int> AttendedServantIds => Marks.Concat(AlreadyMarked).Select(a => a.ServantId).ToHashSet();

    /// <summary>A digest of what the list marks: it changes if the register changes between the preview and the confirmation.</summary>
    public string Fingerprint { get; }
}

/// <summary>
/// Reads an attendance list (the sheet people sign, exported to .xlsx or .csv) with the rules every import shares
/// (<see cref="SheetColumns"/>: header row found by its names, any order, with or without accents): a «Número de
/// documento» column (or «Cédula», «Documento»… as the directory import accepts), optional «Nombre» (only to help
/// whoever fills it) and «Asistió» (Sí/No; empty is Sí), one row per person. Every row must name an invitee of the
/// session; one bad row and the list gets no plan, so nothing is recorded (all or nothing). A list only adds attendance:
/// «No» rows unmark nobody. Pure.
/// </summary>
public static class AttendanceImport
{
    public const int MaxRows = 5000;
    public const string Document = "Document", Name = "Name", Attended = "Attended";
    public const string DocumentHeader = "Número de documento";
    public const string AttendedHeader = "Asistió";

    public static SheetColumns Layout { get; } = new(
    [
        new(Document, DocumentHeader, true, "Cédula u otro documento del invitado, con o sin puntos de miles (1.020.456.789).",
            [.. ImportColumns.All.First(c => c.Field == ImportField.DocumentNumber).Synonyms]),
        new(Name, "Nombre", false, "Nombre del invitado, solo para reconocerlo: no se importa.",
            ["nombres", "nombre completo", "nombres y apellidos", "apellidos y nombres", "nombre del asistente"]),
        new(Attended, AttendedHeader, false, "Sí o No. Vacío cuenta como Sí; una fila con No no quita una asistencia ya registrada.",
            ["asistio", "asistencia", "asistente"]),
    ]);

    /// <summary>Checks the rows against the invitees of the session; plans the marks when every row is valid.</summary>
    public static AttendanceImportPlan Plan(IReadOnlyList<SheetRow> rows, IReadOnlyList<AttendanceInvitee> invitees, int maxRows = MaxRows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(invitees);
        var layout = Layout.Locate(rows, "asistentes", maxRows);
        if (layout.FileErrors.Count > 0) return new([.. layout.FileErrors], [], [], 0, layout.Ignored, layout.Data.Count);

        var byDocument = invitees.GroupBy(i => ServantInput.NormalizeDocument(i.Document)).ToDictionary(g => g.Key, g => g.First());
        var errors = new List<ImportError>();
        var planned = new Dictionary<int, PlannedAttendance>();
        var notAttended = 0;
        foreach (var row in layout.Data)
        {
            var cell = layout.Cell(row, Document);
            var shown = CellValues.ToText(cell);
            void Error(string field, string value, string message) => errors.Add(new ImportError(row.Number, Layout[field].Header, value, message));

            var (doc, docError) = CellValues.ToDocument(cell);
            if (docError is not null) { Error(Document, shown, docError); continue; }
            if (doc.Length == 0) { Error(Document, "", "Falta el número de documento."); continue; }
            if (!byDocument.TryGetValue(doc, out var invitee)) { Error(Document, shown, $"El documento {doc} no está entre los invitados de la sesión."); continue; }
            if (layout.Has(Attended) && layout.Text(row, Attended) is { Length: > 0 } said)
            {
                var yes = CellValues.ToYesNo(layout.Cell(row, Attended));
                if (yes is null) { Error(Attended, said, "Escriba Sí o No (vacío cuenta como Sí)."); continue; }
                if (yes == false)
                {
                    notAttended++;
                    continue;
                }
            }
            // The same person signed twice: one mark.
            planned.TryAdd(invitee.ServantId, new PlannedAttendance(row.Number, invitee.ServantId, doc, invitee.Name, invitee.Attended));
        }
        if (errors.Count > 0)
            return new([], errors.OrderBy(e => e.Row).ThenBy(e => Layout.Order(e.Column)).ToList(), [], 0, layout.Ignored, layout.Data.Count);
        return new([], [], planned.Values.OrderBy(p => p.Row).ToList(), notAttended, layout.Ignored, layout.Data.Count);
    }
}
