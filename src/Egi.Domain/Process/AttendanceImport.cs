using Egi.Domain.Directory.Import;

namespace Egi.Domain.Process;

/// <summary>The outcome of reading an attendance list: the invitees who attended, or the problems by row.</summary>
public sealed record AttendanceImportResult(IReadOnlyList<int> AttendedServantIds, IReadOnlyList<ImportError> Errors, int RowsRead)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Reads an attendance list (the sheet people sign, exported to .xlsx or .csv): a header row with a «Número de
/// documento» column (the same names the directory import accepts: Cédula, Documento…), optional «Asistió»
/// (Sí/No; empty is Sí), and one row per person. Every row must name an invitee of the session; one bad row
/// and nothing is recorded (all or nothing, like the directory import).
/// </summary>
public static class AttendanceImport
{
    public const string DocumentHeader = "Número de documento";
    public const string AttendedHeader = "Asistió";
    private const int HeaderSearchRows = 10;

    public static AttendanceImportResult Read(IReadOnlyList<SheetRow> rows, IReadOnlyDictionary<string, int> inviteeByDocument)
    {
        var header = rows.Take(HeaderSearchRows).FirstOrDefault(r => DocumentColumn(r) >= 0);
        if (header is null)
            return new([], [new ImportError(rows.FirstOrDefault()?.Number ?? 1, DocumentHeader, "",
                $"No se encontró la columna «{DocumentHeader}» (o «Cédula», «Documento») en las primeras {HeaderSearchRows} filas.")], 0);

        var docColumn = DocumentColumn(header);
        var attendedColumn = header.Cells.Select((c, i) => (c, i)).FirstOrDefault(x => IsAttendedHeader(x.c)).i;
        if (!header.Cells.Any(IsAttendedHeader)) attendedColumn = -1;

        var attended = new List<int>();
        var errors = new List<ImportError>();
        var count = 0;
        foreach (var row in rows.Where(r => r.Number > header.Number && !r.IsBlank))
        {
            count++;
            var cell = docColumn < row.Cells.Count ? row.Cells[docColumn] : null;
            var (doc, error) = CellValues.ToDocument(cell);
            var shown = CellValues.ToText(cell);
            if (error is not null) { errors.Add(new(row.Number, DocumentHeader, shown, error)); continue; }
            if (doc.Length == 0) { errors.Add(new(row.Number, DocumentHeader, "", "Falta el número de documento.")); continue; }
            if (!inviteeByDocument.TryGetValue(doc, out var servantId))
            {
                errors.Add(new(row.Number, DocumentHeader, shown, $"El documento {doc} no está entre los invitados de la sesión."));
                continue;
            }
            if (attendedColumn >= 0)
            {
                var value = attendedColumn < row.Cells.Count ? row.Cells[attendedColumn] : null;
                if (CellValues.ToText(value).Length > 0)
                {
                    var yes = CellValues.ToYesNo(value);
                    if (yes is null) { errors.Add(new(row.Number, AttendedHeader, CellValues.ToText(value), "Escriba Sí o No.")); continue; }
                    if (yes == false) continue;
                }
            }
            if (!attended.Contains(servantId)) attended.Add(servantId);
        }
        if (count == 0 && errors.Count == 0)
            errors.Add(new(header.Number, DocumentHeader, "", "El archivo no tiene filas de asistentes debajo de los títulos."));
        return new(errors.Count == 0 ? attended : [], errors, count);
    }

    private static int DocumentColumn(SheetRow row)
    {
        for (var i = 0; i < row.Cells.Count; i++)
            if (ImportColumns.Recognize(CellValues.ToText(row.Cells[i])) == ImportField.DocumentNumber) return i;
        return -1;
    }

    private static bool IsAttendedHeader(object? cell) =>
        ImportColumns.Key(CellValues.ToText(cell)) is "asistio" or "asistencia" or "asistente";
}
