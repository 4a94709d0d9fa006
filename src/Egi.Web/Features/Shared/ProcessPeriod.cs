using System.Globalization;
using Egi.Domain.Calendar;
using Egi.Web.Data;
using Microsoft.AspNetCore.Mvc.ModelBinding;
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

    /// <summary>
    /// The refusal of any change to a process record of a closed period (sessions and their attendance, institutional
    /// plans and their items, the annual work plan: SPEC §3, a closed period is read-only), added to the page's errors;
    /// false, and nothing added, while the period is not closed.
    /// </summary>
    public static bool RefusedAsClosed(this ModelStateDictionary modelState, Period period)
    {
        if (ReadOnlyReason(period) is not { } reason) return false;
        modelState.AddModelError(string.Empty, reason);
        return true;
    }

    /// <summary>Why the period's process records cannot change (it is closed), shown on their pages; null while it is not closed.</summary>
    public static string? ReadOnlyReason(Period period) => period.ReadOnlyRefusal()?.Errors[0].Message;

    public static string Date(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string Time(TimeOnly t) => t.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string Percent(decimal? p) => p is { } v ? v.ToString("0.0", Infrastructure.ServiceRegistration.Culture) + " %" : "—";

    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), ["yyyy-MM-dd", "d/M/yyyy", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static bool TryParseTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text?.Trim(), ["H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}
