using System.Globalization;
using System.Text.RegularExpressions;

namespace Egi.Domain.Directory.Import;

/// <summary>
/// Normalizes what a spreadsheet cell holds (text, a number, a date, a boolean, as Excel or a CSV gives it)
/// into the values of the directory.
/// </summary>
public static partial class CellValues
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly string[] DateFormats =
    [
        "d/M/yyyy", "d/M/yyyy H:mm", "d/M/yyyy H:mm:ss", "d-M-yyyy", "d.M.yyyy",
        "yyyy-M-d", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss", "yyyy/M/d",
    ];

    /// <summary>The cell as people read it: trimmed text; whole numbers without decimals; dates as dd/MM/yyyy; booleans Sí/No.</summary>
    public static string ToText(object? cell) => cell switch
    {
        null or DBNull => "",
        string s => s.Trim(),
        double d => NumberText(d),
        float f => NumberText(f),
        decimal m => m == decimal.Truncate(m) ? decimal.Truncate(m).ToString(Invariant) : m.ToString(Invariant),
        int or long or short or byte or uint or ulong or ushort or sbyte => Convert.ToString(cell, Invariant) ?? "",
        DateTime dt => dt.TimeOfDay == TimeSpan.Zero ? dt.ToString("dd/MM/yyyy", Invariant) : dt.ToString("dd/MM/yyyy HH:mm", Invariant),
        DateOnly d => d.ToString("dd/MM/yyyy", Invariant),
        bool b => b ? "Sí" : "No",
        _ => (Convert.ToString(cell, Invariant) ?? "").Trim(),
    };

    private static string NumberText(double d) =>
        double.IsFinite(d) && d == Math.Floor(d) && Math.Abs(d) < 1e17
            ? ((decimal)d).ToString("0", Invariant)
            : d.ToString("R", Invariant);

    /// <summary>
    /// A document number from a cell, without thousands dots ("1.020.456.789" → "1020456789"). A number cell
    /// (1020456789 or 1.020456789E9) comes back as its digits; text in scientific notation is accepted only
    /// when it kept every digit ("1,02046E+09" lost four, so it is refused with an explanation).
    /// </summary>
    public static (string Value, string? Error) ToDocument(object? cell)
    {
        switch (cell)
        {
            case null or DBNull:
                return ("", null);
            case double or float or decimal:
                var number = Convert.ToDecimal(cell, Invariant);
                return number == decimal.Truncate(number) && number >= 0
                    ? (number.ToString("0", Invariant), null)
                    : (ToText(cell), "El número de documento debe ser un número entero, sin decimales.");
            case int or long or uint or ulong or short or ushort:
                return (Convert.ToString(cell, Invariant) ?? "", null);
        }

        var text = ToText(cell);
        var scientific = Scientific().Match(text.Replace(" ", "", StringComparison.Ordinal));
        if (scientific.Success)
        {
            var mantissaDigits = scientific.Groups["int"].Value.Length + scientific.Groups["frac"].Value.Length;
            var exponent = int.Parse(scientific.Groups["exp"].Value, NumberStyles.AllowLeadingSign, Invariant);
            var integerDigits = scientific.Groups["int"].Value.Length + exponent;
            if (exponent < 0 || exponent > 20 || mantissaDigits < integerDigits)
                return (text, $"El número de documento «{text}» quedó en notación científica y perdió dígitos. " +
                    "En Excel dé a la columna formato «Número» sin decimales (o «Texto»), corrija los números y vuelva a guardar.");
            var digits = scientific.Groups["int"].Value + scientific.Groups["frac"].Value;
            var value = digits.Length > integerDigits ? digits[..integerDigits] : digits.PadRight(integerDigits, '0');
            if (digits.Length > integerDigits && digits[integerDigits..].Any(c => c != '0'))
                return (text, "El número de documento debe ser un número entero, sin decimales.");
            return (value, null);
        }

        // "1.020.456.789,00" or "1020456789.0": a number shown with decimals. Thousands groups always have 3 digits.
        var decimals = TrailingZeroDecimals().Match(text);
        if (decimals.Success) text = text[..decimals.Index];
        return (ServantInput.NormalizeDocument(text), null);
    }

    [GeneratedRegex(@"^(?<int>[1-9]\d*)(?:[.,](?<frac>\d*))?[eE](?<exp>[+-]?\d{1,3})$")]
    private static partial Regex Scientific();

    [GeneratedRegex(@"(?<=\d)[.,]0{1,2}$")]
    private static partial Regex TrailingZeroDecimals();

    /// <summary>
    /// A date from a cell: an Excel date, an Excel serial number, or text dd/MM/yyyy (also d/M/yyyy, with a time
    /// after it, or yyyy-MM-dd). Empty → (null, true); something else → (null, false).
    /// </summary>
    public static (DateOnly? Value, bool Ok) ToDate(object? cell)
    {
        switch (cell)
        {
            case null or DBNull:
                return (null, true);
            case DateTime dt:
                return (DateOnly.FromDateTime(dt), true);
            case DateOnly d:
                return (d, true);
            case double or float or decimal or int or long:
                var serial = Convert.ToDouble(cell, Invariant);
                return serial is >= 1 and < 2958466 ? (DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial))), true) : (null, false);
        }
        var text = ToText(cell);
        if (text.Length == 0) return (null, true);
        if (DateTime.TryParseExact(text, DateFormats, Invariant, DateTimeStyles.AllowWhiteSpaces, out var parsed))
            return (DateOnly.FromDateTime(parsed), true);
        // "05/03/2024 12:00:00 a. m." as a Spanish Windows writes a date with its time.
        var space = text.IndexOf(' ');
        if (space > 0 && text[space..].Contains(':')
            && DateTime.TryParseExact(text[..space], DateFormats, Invariant, DateTimeStyles.None, out parsed))
            return (DateOnly.FromDateTime(parsed), true);
        return (null, false);
    }

    /// <summary>
    /// Yes/no as people write it: Sí, Si, S, X, 1, Verdadero (and the English ones) are yes; No, N, 0, Falso and
    /// an empty cell are no. Anything else → null.
    /// </summary>
    public static bool? ToYesNo(object? cell)
    {
        switch (cell)
        {
            case null or DBNull:
                return false;
            case bool b:
                return b;
            case double or float or decimal or int or long:
                var n = Convert.ToDecimal(cell, Invariant);
                return n == 1 ? true : n == 0 ? false : null;
        }
        return DirectoryLabels.Normalize(ToText(cell)) switch
        {
            "" or "no" or "n" or "0" or "falso" or "false" or "f" => false,
            "si" or "s" or "x" or "1" or "verdadero" or "true" or "v" or "yes" or "y" => true,
            _ => null,
        };
    }

    /// <summary>Códigos de empleo have 4 digits (Decreto 785 de 2005): "15" typed as a number is "0015".</summary>
    public static string JobCode(string text) =>
        text.Length is > 0 and < 4 && text.All(char.IsAsciiDigit) ? text.PadLeft(4, '0') : text;

    /// <summary>Grados are written with 2 digits: "8" typed as a number is "08".</summary>
    public static string JobGrade(string text) =>
        text.Length == 1 && char.IsAsciiDigit(text[0]) ? "0" + text : text;
}
