using Egi.Domain.Calendar;
using Egi.Domain.Process;
using Egi.Web.Features.Sessions;
using Egi.Web.Features.WorkPlan;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Data;

/// <summary>
/// The demo's planning records (activities 1–3): the annual work plan of the demo period, pre-filled from the
/// procedure, and two sessions — a divulgation already held with its attendance, and a socialization to come.
/// No e-mail is sent. Idempotent: nothing is added when the period already has a work plan or sessions.
/// </summary>
public static class DemoProcess
{
    public static async Task SeedAsync(EgiDbContext db, TimeProvider clock, int year, CancellationToken ct = default)
    {
        var period = await db.Periods.FirstOrDefaultAsync(p => p.Year == year, ct);
        if (period is null) return;
        var now = clock.GetUtcNow();
        var today = BogotaTime.Day(now);

        if (!await db.Set<AnnualWorkPlan>().AnyAsync(p => p.PeriodId == period.Id, ct))
        {
            var (plan, created) = AnnualWorkPlan.PreFilled(period, now.UtcDateTime, "Talento Humano (demostración)");
            if (plan is null) throw new InvalidOperationException(created.ToString());
            // The activities already past are done, those in course half done (through the plan, as Talento Humano would).
            foreach (var a in plan.Activities.Where(a => a.End < today || a.Start <= today).ToList())
            {
                var done = a.End < today;
                plan.ChangeActivity(period, a, a.ToInput() with { Status = done ? WorkPlanStatus.Done : WorkPlanStatus.InProgress, PercentDone = done ? 100 : 50 }, now.UtcDateTime);
            }
            db.Add(plan);
            await db.SaveChangesAsync(ct);
        }

        if (await db.Set<Session>().AnyAsync(s => s.PeriodId == period.Id, ct)) return;
        var planeacion = new SessionEditor(IsTalentoHumano: false, IsPlaneacion: true);
        var talentoHumano = new SessionEditor(IsTalentoHumano: true, IsPlaneacion: false);
        var (held, _) = Session.Schedule(period, planeacion, new SessionInput(SessionKind.Divulgation,
            "Plan Estratégico Institucional y planes de acción de la vigencia", today.AddDays(-7), new(9, 0), new(11, 0), "Auditorio principal", null,
            SessionAudience.Everyone, null, "Insumo para la fijación de las metas y objetivos (P-TH-10, actividad 1)."),
            DemoData.PlaneacionEmail, "Oficina Asesora de Planeación", now.UtcDateTime);
        var (coming, _) = Session.Schedule(period, talentoHumano, new SessionInput(SessionKind.Socialization,
            "Cómo concertar metas y autoevaluarse en EGI", today.AddDays(7), new(14, 0), new(16, 0), "Sala de juntas, piso 3",
            "https://teams.microsoft.com/l/meetup-join/egi-demo", SessionAudience.Evaluados, null, null),
            DemoData.TalentoHumanoEmail, "Talento Humano", now.UtcDateTime);
        db.AddRange(held!, coming!);
        await SessionInvitations.SyncInviteesAsync(db, held!, ct);
        await SessionInvitations.SyncInviteesAsync(db, coming!, ct);
        // Two of every three invitees attended the divulgation session.
        var attended = held!.Invitees.Where((_, i) => i % 3 != 2).Select(i => i.ServantId).ToHashSet();
        held.RecordDemonstrationAttendance(period, planeacion, attended, now, out _);
        await db.SaveChangesAsync(ct);
    }
}
