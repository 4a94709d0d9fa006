using Egi.Domain.Directory;
using Egi.Domain.Directory.Import;
using MiniExcelLibs;

namespace Egi.Web.Infrastructure.Import;

/// <summary>The rows of an uploaded sheet, or why it could not be read (Spanish, for the person who uploaded it).</summary>
public sealed record SpreadsheetContent(IReadOnlyList<SheetRow> Rows, string? Error)
{
    public static SpreadsheetContent Fail(string error) => new([], error);
}

/// <summary>An uploaded sheet: its cleaned file name and bytes, and its rows — or the Spanish reason it was refused.</summary>
public sealed record UploadedSheet(string FileName, byte[] Bytes, SpreadsheetContent Content)
{
    public string? Error => Content.Error;

    /// <summary>The file was received whole and read (even if its content was refused): such an upload is audited.</summary>
    public bool WasRead => Bytes.Length > 0;
}

/// <summary>
/// Reads an uploaded .xlsx (MiniExcel) or .csv (own reader: encodings and separators of a Spanish Excel) into rows
/// numbered as Excel shows them. The kind is decided by the bytes, not by the file name; anything else is refused
/// with a Spanish message, never an exception.
/// </summary>
public static class SpreadsheetReader
{
    public const long MaxBytes = 5 * 1024 * 1024;

    /// <summary>The import of servants: up to 50 000 rows (an .xlsx of that size weighs some 3 MB; a CSV, 8 MB; Excel's, more).</summary>
    public const long MaxImportBytes = 20 * 1024 * 1024;
    public const string NotASpreadsheet = "El archivo no es una hoja de cálculo válida (.xlsx o .csv)";

    // Enough rows for the importer to say "more than the maximum", without reading a million blank ones.
    private const int MaxNonBlankRows = ServantImport.MaxRows + 20;
    private const int MaxBlankStreak = 1000;

    public static string TooLarge(long bytes, long maxBytes = MaxBytes) =>
        $"El archivo pesa {bytes / 1024.0 / 1024.0:0.0} MB y el máximo es {maxBytes / 1024 / 1024} MB. Quite las columnas u hojas que no se importan, o divídalo en varios archivos.";

    /// <summary>
    /// Reads an uploaded file of every import screen (servants, plan items, attendance): missing, too large or not a
    /// spreadsheet gives an <see cref="UploadedSheet.Error"/> in Spanish; <paramref name="whenMissing"/> says what to choose.
    /// </summary>
    public static async Task<UploadedSheet> ReadUploadAsync(IFormFile? upload, string whenMissing, ILogger logger,
        string preferredSheet = "servidores", long maxBytes = MaxBytes, CancellationToken ct = default)
    {
        if (upload is null)
            return new UploadedSheet(SafeName(null), [], SpreadsheetContent.Fail(whenMissing));
        var name = SafeName(upload.FileName);
        if (upload.Length > maxBytes) return new UploadedSheet(name, [], SpreadsheetContent.Fail(TooLarge(upload.Length, maxBytes)));
        using var buffer = new MemoryStream();
        await upload.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        return new UploadedSheet(name, bytes, Read(bytes, logger, preferredSheet, maxBytes));
    }

    /// <summary>What the audit says of an upload: the file, its size and SHA-256, and whether it could be read.</summary>
    public static string AuditSummary(UploadedSheet upload) =>
        $"«{(upload.FileName.Length > 80 ? upload.FileName[..80] : upload.FileName)}» ({FileSizeText.Of(upload.Bytes.Length)}, " +
        $"SHA-256 {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(upload.Bytes))}), " +
        (upload.Error is null ? $"{upload.Content.Rows.Count} filas leídas" : "no se pudo leer como hoja de cálculo");

    /// <summary>The uploaded file's name without folders or control characters, at most 200 characters.</summary>
    public static string SafeName(string? name)
    {
        var file = Path.GetFileName(name ?? "").Trim();
        file = new string(file.Where(c => !char.IsControl(c)).ToArray());
        return file.Length == 0 ? "archivo" : file.Length > 200 ? file[..200] : file;
    }

    /// <param name="preferredSheet">The sheet read from a workbook when it has one by this name (normalized); else the first sheet.</param>
    public static SpreadsheetContent Read(byte[] bytes, ILogger logger, string preferredSheet = "servidores", long maxBytes = MaxBytes)
    {
        if (bytes.Length == 0)
            return SpreadsheetContent.Fail($"{NotASpreadsheet}: está vacío (0 bytes).");
        if (bytes.Length > maxBytes)
            return SpreadsheetContent.Fail(TooLarge(bytes.Length, maxBytes));
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04]))
            return ReadXlsx(bytes, logger, preferredSheet);
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]))
            return SpreadsheetContent.Fail("El archivo está en el formato antiguo de Excel 97-2003 (.xls). Ábralo en Excel y guárdelo como «Libro de Excel (.xlsx)» o como «CSV UTF-8 (delimitado por comas)».");
        return ReadCsv(bytes);
    }

    private static SpreadsheetContent ReadCsv(byte[] bytes)
    {
        var text = CsvText.Decode(bytes);
        if (text is null)
            return SpreadsheetContent.Fail($"{NotASpreadsheet}: parece una imagen, un PDF u otro tipo de archivo. " +
                "Guarde la hoja desde Excel como «Libro de Excel (.xlsx)» o «CSV» y cárguela de nuevo.");
        var separator = CsvText.DetectSeparator(text);
        var records = CsvText.Parse(text, separator, MaxNonBlankRows + MaxBlankStreak);
        return new SpreadsheetContent(records.Select(r => new SheetRow(r.Number, r.Fields.Cast<object?>().ToArray())).ToList(), null);
    }

    private static SpreadsheetContent ReadXlsx(byte[] bytes, ILogger logger, string preferredSheet)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            var sheets = MiniExcel.GetSheetNames(stream);
            if (sheets.Count == 0) return SpreadsheetContent.Fail($"{NotASpreadsheet}: el libro no tiene hojas.");
            // The template's sheet ("Servidores", "Ítems"); any other workbook is read from its first sheet.
            var sheet = sheets.FirstOrDefault(n => DirectoryLabels.Normalize(n) == preferredSheet) ?? sheets[0];
            stream.Position = 0;

            var rows = new List<SheetRow>();
            int number = 0, nonBlank = 0, blankStreak = 0;
            foreach (var item in MiniExcel.Query(stream, useHeaderRow: false, sheetName: sheet, excelType: ExcelType.XLSX))
            {
                number++;
                var row = new SheetRow(number, Cells((IDictionary<string, object?>)item));
                if (row.IsBlank)
                {
                    if (++blankStreak > MaxBlankStreak) break;
                    continue;
                }
                blankStreak = 0;
                rows.Add(row);
                if (++nonBlank >= MaxNonBlankRows) break;
            }
            return new SpreadsheetContent(rows, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A renamed .docx, a damaged download, a zip that is not a workbook: MiniExcel throws many kinds of errors.
            logger.LogInformation(e, "Uploaded workbook could not be read");
            return SpreadsheetContent.Fail($"{NotASpreadsheet}: no se pudo leer como libro de Excel. " +
                "Ábralo en Excel y guárdelo de nuevo como «Libro de Excel (.xlsx)», o guárdelo como «CSV».");
        }
    }

    /// <summary>
    /// MiniExcel keys the cells by column letter (A, B, …, AA); the importer wants them by position. Trailing empty
    /// cells are left out (a sheet formatted up to column XFD would otherwise cost 16 384 cells a row).
    /// </summary>
    private static object?[] Cells(IDictionary<string, object?> row)
    {
        var last = -1;
        foreach (var (key, value) in row)
        {
            if (value is not null && CellValues.ToText(value).Length > 0) last = Math.Max(last, ColumnIndex(key));
        }
        var cells = new object?[last + 1];
        foreach (var (key, value) in row)
        {
            var index = ColumnIndex(key);
            if (index >= 0 && index <= last) cells[index] = value;
        }
        return cells;
    }

    private static int ColumnIndex(string letters)
    {
        var index = 0;
        foreach (var c in letters)
        {
            if (c is < 'A' or > 'Z') return -1;
            index = index * 26 + (c - 'A' + 1);
        }
        return index - 1;
    }
}
