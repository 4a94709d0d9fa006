using System.Globalization;

namespace Egi.Web.Features.Shared;

/// <summary>Numbers, scores and counts of days as a person reads them in Colombia (decimal comma).</summary>
public static class NumberText
{
    private static readonly CultureInfo Es = CultureInfo.GetCultureInfo("es-CO");

    public static string Int(int n) => n.ToString(Es);

    /// <summary>A count with thousands grouped as read in Colombia: «1.234».</summary>
    public static string Count(int n) => n.ToString("N0", Es);

    /// <summary>"90", "89,5": at most two decimals, the Colombian decimal comma.</summary>
    public static string Decimal(decimal d) => d.ToString("0.##", Es);

    /// <summary>A score with two decimals as read in Colombia: 87,45.</summary>
    public static string Score(decimal d) => d.ToString("0.00", Es);

    /// <summary>«1 día», «12 días».</summary>
    public static string Days(int n) => n == 1 ? "1 día" : $"{Int(n)} días";

    /// <summary>«1 día hábil», «3 días hábiles».</summary>
    public static string WorkingDays(int n) => n == 1 ? "1 día hábil" : $"{Int(n)} días hábiles";

    /// <summary>The number of an issued report or record as printed on it: «N.º 12».</summary>
    public static string IssueNumber(int id) => "N.º " + id.ToString(CultureInfo.InvariantCulture);
}
