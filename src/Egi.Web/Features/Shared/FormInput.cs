using System.Globalization;

namespace Egi.Web.Features.Shared;

/// <summary>Lenient reading of what a person types in a form: dates, whole numbers and decimals, whatever the culture.</summary>
public static class FormInput
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d/M/yyyy", "d-M-yyyy"];

    /// <summary>Accepts yyyy-MM-dd (what a date input sends) and dd/MM/yyyy (what a person types).</summary>
    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact((text ?? "").Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>Accepts "90", "90 %" and "-3".</summary>
    public static bool TryParseInt(string? text, out int value) =>
        int.TryParse((text ?? "").Trim().TrimEnd('%').Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>Accepts "90", "89,5" and "89.5" whatever the culture (one decimal separator, no thousands).</summary>
    public static bool TryParseDecimal(string? text, out decimal value)
    {
        value = 0;
        var t = (text ?? "").Trim().TrimEnd('%').Trim().Replace(',', '.');
        if (t.Count(c => c == '.') > 1) return false;
        return decimal.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }
}
