using System.Globalization;
using System.Text;
using Egi.Domain.Directory;
using MiniExcelLibs;

namespace Egi.Web.Tests.Directory.ImportFiles;

/// <summary>Builds the files HR offices upload: .xlsx written by MiniExcel (typed cells) and CSV bytes in a given encoding.</summary>
public static class ImportFile
{
    public static readonly string[] Header =
    [
        "Número de documento", "Nombres", "Apellidos", "Correo institucional", "Denominación del empleo", "Código", "Grado",
        "Nivel jerárquico", "Dependencia", "Tipo de vinculación", "Fecha de ingreso", "Fecha de retiro",
        "Documento del jefe inmediato", "Tiene personal a cargo", "Es gerente público",
    ];

    /// <summary>Windows-1252, as a Spanish Excel saves "CSV (delimitado por comas)".</summary>
    public static Encoding Windows1252 { get; } = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    /// <summary>An .xlsx whose cells keep their types (numbers, dates, text, empty).</summary>
    public static byte[] Xlsx(IEnumerable<object?[]> rows, string[]? header = null)
    {
        header ??= Header;
        var sheet = rows.Select(values =>
        {
            var row = new Dictionary<string, object?>();
            for (var i = 0; i < header.Length; i++) row[header[i]] = i < values.Length ? values[i] : null;
            return row;
        }).ToList();
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, sheet, sheetName: "Hoja1");
        return stream.ToArray();
    }

    /// <summary>CSV text with quotes where needed, in <paramref name="encoding"/>, with or without BOM.</summary>
    public static byte[] Csv(IEnumerable<string[]> rows, Encoding encoding, char separator = ';', bool bom = false, string[]? header = null)
    {
        var sb = new StringBuilder();
        foreach (var row in new[] { header ?? Header }.Concat(rows))
            sb.Append(string.Join(separator, row.Select(v => Quote(v, separator)))).Append("\r\n");
        var body = encoding.GetBytes(sb.ToString());
        return bom ? [.. encoding.GetPreamble(), .. body] : body;
    }

    private static string Quote(string value, char separator) =>
        value.Contains(separator) || value.Contains('"') || value.Contains('\n')
            ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
            : value;

    /// <summary>A servant of the directory as a row of text cells (dates dd/MM/yyyy), to change one field at a time.</summary>
    public static string[] RowOf(Servant s, string dependencyCode, string? bossDocument) =>
    [
        s.DocumentNumber, s.FirstNames, s.LastNames, s.Email, s.JobTitle, s.JobCode, s.JobGrade, s.Level.Label(), dependencyCode,
        s.EmploymentType.Label(), s.HireDate.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        s.RetirementDate?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "", bossDocument ?? "",
        s.HasStaff ? "Sí" : "No", s.IsPublicManager ? "Sí" : "No",
    ];

    /// <summary>The first bytes of a real PNG image (signature and IHDR chunk).</summary>
    public static byte[] Png { get; } =
    [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
        0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
        0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
        0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    ];

    /// <summary>A zip signature followed by garbage: a download cut short.</summary>
    public static byte[] CorruptZip { get; } = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0x21, 0x00, 0xFF, 0xEE, 0x01, 0x02];
}
