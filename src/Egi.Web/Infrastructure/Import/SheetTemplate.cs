using System.Text;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace Egi.Web.Infrastructure.Import;

/// <summary>
/// The downloadable template of an import screen (servants, plan items, EDL results): a data sheet with the headers and
/// example rows, «Instrucciones» (each column: required or not, what to write; then the notes) and any further sheets
/// of accepted values. Also as a CSV with <c>;</c> and a BOM, as Excel in Spanish opens and saves it.
/// </summary>
public static class SheetTemplate
{
    /// <summary>A column as the «Instrucciones» sheet explains it.</summary>
    public sealed record Column(string Header, bool Required, string Description);

    public static byte[] Xlsx(string sheetName, IReadOnlyList<Column> columns, IEnumerable<string[]> examples, IReadOnlyList<string> notes,
        params (string Name, IReadOnlyList<Dictionary<string, object?>> Rows)[] extraSheets)
    {
        var rows = examples.Select(values =>
        {
            var row = new Dictionary<string, object?>();
            for (var i = 0; i < columns.Count; i++) row[columns[i].Header] = values[i];
            return row;
        }).ToList();
        var instructions = columns.Select(c => new Dictionary<string, object?>
        {
            ["Columna"] = c.Header,
            ["Obligatoria"] = c.Required ? "Sí" : "No",
            ["Qué escribir"] = c.Description,
        }).ToList();
        foreach (var note in notes)
            instructions.Add(new Dictionary<string, object?> { ["Columna"] = "Nota", ["Obligatoria"] = "", ["Qué escribir"] = note });
        var sheets = new Dictionary<string, object> { [sheetName] = rows, ["Instrucciones"] = instructions };
        foreach (var (name, extra) in extraSheets) sheets[name] = extra;
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, sheets, configuration: new OpenXmlConfiguration { FastMode = true, EnableAutoWidth = true, MaxWidth = 80 });
        return stream.ToArray();
    }

    public static byte[] Csv(IEnumerable<string> headers, IEnumerable<string[]> examples)
    {
        static string Quote(string value) => Egi.Web.Reports.SpreadsheetText.CsvField(value);
        var sb = new StringBuilder();
        sb.Append(string.Join(';', headers.Select(Quote))).Append("\r\n");
        foreach (var row in examples) sb.Append(string.Join(';', row.Select(Quote))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }
}
