namespace Egi.Domain.Calendar;

/// <summary>
/// Colombia's legal time, the one place that turns an instant into Bogotá's day and back. It is UTC−5 all year
/// (no daylight saving since 1993), so the rule is a fixed offset and needs no time-zone database.
/// Every "today" of the product (windows, deadlines, ages, report dates) is <see cref="Today"/>.
/// </summary>
public static class BogotaTime
{
    /// <summary>The IANA name, for calendar invitations (TZID).</summary>
    public const string ZoneId = "America/Bogota";

    public static readonly TimeSpan Offset = TimeSpan.FromHours(-5);

    /// <summary>Today in Bogotá by <paramref name="clock"/> (a test moves it).</summary>
    public static DateOnly Today(TimeProvider clock) => Day(clock.GetUtcNow());

    /// <summary>The Bogotá day of an instant.</summary>
    public static DateOnly Day(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>The Bogotá day of a stored UTC instant (its kind is not trusted: databases return Unspecified).</summary>
    public static DateOnly Day(DateTime utc) => DateOnly.FromDateTime(Local(utc));

    /// <summary>A stored UTC instant as Bogotá's wall-clock time.</summary>
    public static DateTime Local(DateTime utc) => DateTime.SpecifyKind(utc + Offset, DateTimeKind.Unspecified);

    /// <summary>An instant as Bogotá's wall-clock time, with its offset.</summary>
    public static DateTimeOffset Local(DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>A Bogotá wall-clock time as UTC.</summary>
    public static DateTime ToUtc(DateTime local) => DateTime.SpecifyKind(local - Offset, DateTimeKind.Utc);

    /// <summary>The first instant (UTC) of a Bogotá day: for "from this day" filters on stored instants.</summary>
    public static DateTime StartOfDayUtc(DateOnly day) => ToUtc(day.ToDateTime(TimeOnly.MinValue));
}
