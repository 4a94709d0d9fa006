namespace Egi.Web.Reports;

/// <summary>
/// Formula injection (CSV/formula injection, OWASP): text that begins with = + - @ tab or CR is what a spreadsheet
/// would evaluate. In a CSV such a field is written with a leading apostrophe, which Excel and LibreOffice show as
/// text; in an .xlsx every text is a string cell (<see cref="XlsxWorkbook"/>, MiniExcel: <c>t="str"</c> with a
/// value and no <c>&lt;f&gt;</c>), which no spreadsheet evaluates.
/// </summary>
public static class SpreadsheetText
{
    public static bool LooksLikeFormula(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>One CSV field for <paramref name="separator"/>: neutralized when it looks like a formula, quoted when needed.</summary>
    public static string CsvField(string? value, char separator = ';')
    {
        var text = value ?? "";
        if (LooksLikeFormula(text)) text = "'" + text;
        return text.IndexOfAny([separator, '"', '\r', '\n']) >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
    }
}
