using System.Globalization;
using Egi.Domain.Calendar;
using Egi.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Shared;

/// <summary>
/// Which period a process page (the work plan, the sessions) shows: the one asked for, else the period of this year, else
/// the latest; and the texts of dates, times and percentages those pages share.
/// </summary>
public static class ProcessPeriod
{
    public static async Task<(Period? Period, IReadOnlyList<Period> All)> PickAsync(EgiDbContext db, int? requested, DateOnly today, CancellationToken ct)
    {
        var all = await db.Periods.AsNoTracking().OrderByDescending(p => p.Year).ToListAsync(ct);
        var period = (requested is { } id ? all.FirstOrDefault(p => p.Id == id) : null)
            ?? all.FirstOrDefault(p => p.Year == today.Year)
            ?? all.FirstOrDefault();
        return (period, all);
    }

    public static string Date(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string Time(TimeOnly t) => t.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string Percent(decimal? p) => p is { } v ? v.ToString("0.0", Infrastructure.ServiceRegistration.Culture) + " %" : "—";

    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), ["yyyy-MM-dd", "d/M/yyyy", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static bool TryParseTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text?.Trim(), ["H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}
