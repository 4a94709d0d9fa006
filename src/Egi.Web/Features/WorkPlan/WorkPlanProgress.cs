using System.Globalization;
using Egi.Domain.Calendar;
using Egi.Domain.Improvement;
using Egi.Domain.Process;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.WorkPlan;

/// <summary>
/// What the system itself knows of an activity's progress: a % (when it can be measured), how it was counted and, for
/// activities whose record is an issued report (7, 11, 16), the address of the report in force.
/// </summary>
public sealed record LiveProgress(decimal? Percent, string Detail, string? RecordUrl = null);

/// <summary>Measures the live progress of the procedure's activities from the period's own data.</summary>
public static class WorkPlanProgress
{
    public static async Task<IReadOnlyDictionary<int, LiveProgress>> MeasureAsync(EgiDbContext db, Period period, DateTimeOffset now, DateTime? planCreatedAt, CancellationToken ct)
    {
        var result = new Dictionary<int, LiveProgress>();

        var sessions = await db.Set<Session>().AsNoTracking().Where(s => s.PeriodId == period.Id).ToListAsync(ct);
        foreach (var kind in SessionRules.Kinds)
        {
            var ofKind = sessions.Where(s => s.Kind == kind).ToList();
            var held = ofKind.Count(s => s.IsHeld(now));
            result[kind.Activity()] = ofKind.Count == 0
                ? new(null, $"Sin sesiones de {kind.Label().ToLowerInvariant()} programadas")
                : new(ProcedureActivities.Percent(held, ofKind.Count), $"{held} de {ofKind.Count} sesiones realizadas");
        }

        result[3] = planCreatedAt is { } created
            ? new(100m, $"Plan elaborado el {ProcessPeriod.Date(DateOnly.FromDateTime(created))}")
            : new(0m, "Plan sin elaborar");

        // Counted per state in the database: the period's evaluations are never read one by one.
        var states = (await db.Evaluations.Where(e => e.PeriodId == period.Id).GroupBy(e => e.State)
            .Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync(ct)).Select(g => (g.State, g.Count)).ToList();
        // The record of activities 7, 11 and 16 is the issued report in force (the newest not replaced by a correction).
        var issued = await db.Set<IssuedReport>().AsNoTracking()
            .Where(r => r.PeriodId == period.Id && !db.Set<IssuedReport>().Any(x => x.ReplacesId == r.Id))
            .Select(r => new { r.Id, r.Kind, r.IssuedOn })
            .ToListAsync(ct);
        foreach (var a in ProcedureActivities.All.Where(a => a.Measure == LiveMeasure.EvaluationsPast))
        {
            var (past, counted) = ProcedureActivities.CountPast(a.Number, states) ?? (0, 0);
            var percent = ProcedureActivities.Percent(past, counted);
            var detail = counted == 0 ? "Sin evaluaciones abiertas en la vigencia" : $"{past} de {counted} evaluaciones pasaron este paso";
            string? recordUrl = null;
            if (IssuedReportRules.OfActivity(a.Number) is { } kind)
            {
                var record = issued.Where(r => r.Kind == kind).MaxBy(r => r.Id);
                detail += record is null
                    ? $"; {kind.Noun()} sin emitir"
                    : $"; registro: {kind.Noun()} {NumberText.IssueNumber(record.Id)} emitido el {ProcessPeriod.Date(record.IssuedOn)}";
                recordUrl = record is null ? null : $"/Reports/Issued/Details/{record.Id.ToString(CultureInfo.InvariantCulture)}";
            }
            result[a.Number] = new(percent, detail, recordUrl);
        }

        var reminders = await db.Set<ReminderRecord>().AsNoTracking().CountAsync(r => r.PeriodId == period.Id, ct);
        result[17] = new(null, reminders == 1 ? "1 recordatorio enviado" : $"{reminders} recordatorios enviados");

        var plans = (await db.Set<ImprovementPlan>().Where(p => p.PeriodId == period.Id && !p.Excluded).GroupBy(p => p.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(ct)).Select(g => (g.Status, g.Count)).ToList();
        foreach (var n in new[] { 18, 19, 20 })
        {
            var (reached, required) = ProcedureActivities.CountPlans(n, plans) ?? (0, 0);
            var what = n switch { 18 => "con formato enviado", 19 => "concertados", _ => "cerrados" };
            result[n] = required == 0
                ? new(null, "Sin planes de mejoramiento requeridos")
                : new(ProcedureActivities.Percent(reached, required), $"{reached} de {required} planes {what}");
        }
        return result;
    }
}
