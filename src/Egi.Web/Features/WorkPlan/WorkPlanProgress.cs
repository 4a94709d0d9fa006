using System.Globalization;
using Egi.Domain.Calendar;
using Egi.Domain.Improvement;
using Egi.Domain.Process;
using Egi.Web.Data;
using Egi.Web.Features.Control;
using Egi.Web.Features.Reports;
using Egi.Web.Features.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.WorkPlan;

/// <summary>What the system itself knows of an activity's progress: a % (when it can be measured) and how it was counted.</summary>
public sealed record LiveProgress(decimal? Percent, string Detail);

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

        var states = await db.Evaluations.AsNoTracking().Where(e => e.PeriodId == period.Id).Select(e => e.State).ToListAsync(ct);
        var exports = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == Stage1Report.ExportAction && a.EntityId == period.Id.ToString(CultureInfo.InvariantCulture)
                && (a.EntityType == Stage1Report.AuditEntity || a.EntityType == Stage2Report.AuditEntity || a.EntityType == AnnualReport.AuditEntity))
            .GroupBy(a => a.EntityType)
            .Select(g => new { g.Key, Last = g.Max(a => a.At) })
            .ToListAsync(ct);
        foreach (var a in ProcedureActivities.All.Where(a => a.Measure == LiveMeasure.EvaluationsPast))
        {
            var (past, counted) = ProcedureActivities.CountPast(a.Number, states) ?? (0, 0);
            var percent = ProcedureActivities.Percent(past, counted);
            var detail = counted == 0 ? "Sin evaluaciones abiertas en la vigencia" : $"{past} de {counted} evaluaciones pasaron este paso";
            var report = a.Number switch { 7 => Stage1Report.AuditEntity, 11 => Stage2Report.AuditEntity, 16 => AnnualReport.AuditEntity, _ => null };
            if (report is not null)
            {
                var last = exports.FirstOrDefault(e => e.Key == report)?.Last;
                detail += last is { } at ? $"; informe descargado el {ProcessPeriod.Date(DateOnly.FromDateTime(at))}" : "; informe aún no descargado";
            }
            result[a.Number] = new(percent, detail);
        }

        var reminders = await db.Set<ReminderRecord>().AsNoTracking().CountAsync(r => r.PeriodId == period.Id, ct);
        result[17] = new(null, reminders == 1 ? "1 recordatorio enviado" : $"{reminders} recordatorios enviados");

        var plans = await db.Set<ImprovementPlan>().AsNoTracking().Where(p => p.PeriodId == period.Id && !p.Excluded).Select(p => p.Status).ToListAsync(ct);
        foreach (var n in new[] { 18, 19, 20 })
        {
            var percent = ProcedureActivities.PercentOfPlans(n, plans);
            var what = n switch { 18 => "con formato enviado", 19 => "concertados", _ => "cerrados" };
            result[n] = plans.Count == 0
                ? new(null, "Sin planes de mejoramiento requeridos")
                : new(percent, $"{plans.Count(s => s >= (n == 18 ? PlanStatus.FormatSent : n == 19 ? PlanStatus.Agreed : PlanStatus.Closed))} de {plans.Count} planes {what}");
        }
        return result;
    }
}
