using System.Globalization;
using Egi.Domain.Calendar;

namespace Egi.Web.Features.Shared;

/// <summary>
/// Every date and time a person reads, written once: days as dd/MM/yyyy, instants in Bogotá's time
/// (<see cref="BogotaTime"/>) as dd/MM/yyyy HH:mm, and the yyyy-MM-dd a date input expects.
/// </summary>
public static class DateText
{
    private const string DayFormat = "dd/MM/yyyy";
    private const string TimeFormat = "dd/MM/yyyy HH:mm";

    /// <summary>What a missing date reads.</summary>
    public const string None = "—";

    public static string Date(DateOnly d) => d.ToString(DayFormat, CultureInfo.InvariantCulture);

    public static string Date(DateOnly? d) => d is { } x ? Date(x) : None;

    /// <summary>The Bogotá day of a stored UTC instant, as dd/MM/yyyy.</summary>
    public static string Day(DateTime utc) => Date(BogotaTime.Day(utc));

    /// <summary>A stored UTC instant as Bogotá's dd/MM/yyyy HH:mm.</summary>
    public static string When(DateTime utc) => BogotaTime.Local(utc).ToString(TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>An instant as Bogotá's dd/MM/yyyy HH:mm.</summary>
    public static string When(DateTimeOffset instant) => BogotaTime.Local(instant).ToString(TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>A stored UTC instant as Bogotá's dd/MM/yyyy HH:mm, or <paramref name="none"/> («Nunca», «—»).</summary>
    public static string When(DateTime? utc, string none) => utc is { } at ? When(at) : none;

    /// <summary>A stored UTC instant as Bogotá's dd/MM/yyyy HH:mm:ss (the audit's precision).</summary>
    public static string WhenToTheSecond(DateTimeOffset instant) =>
        BogotaTime.Local(instant).ToString(TimeFormat + ":ss", CultureInfo.InvariantCulture);

    /// <summary>A Bogotá instant for a file name: yyyyMMdd-HHmm.</summary>
    public static string FileStamp(DateTimeOffset instant) => BogotaTime.Local(instant).ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);

    /// <summary>A stage window as «dd/MM/yyyy – dd/MM/yyyy».</summary>
    public static string Range(StageWindow w) => $"{Date(w.Start)} – {Date(w.End)}";

    /// <summary>The value an &lt;input type="date"&gt; expects (yyyy-MM-dd).</summary>
    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
