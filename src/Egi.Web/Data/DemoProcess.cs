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
            var plan = AnnualWorkPlan.PreFilled(period, now.UtcDateTime, "Talento Humano (demostración)");
            foreach (var a in plan.Activities.Where(a => a.End < today))
            {
                a.Status = WorkPlanStatus.Done;
                a.PercentDone = 100;
            }
            foreach (var a in plan.Activities.Where(a => a.Start <= today && a.End >= today))
            {
                a.Status = WorkPlanStatus.InProgress;
                a.PercentDone = 50;
            }
            db.Add(plan);
            await db.SaveChangesAsync(ct);
        }

        if (await db.Set<Session>().AnyAsync(s => s.PeriodId == period.Id, ct)) return;
        var held = new Session
        {
            PeriodId = period.Id,
            Kind = SessionKind.Divulgation,
            Topic = "Plan Estratégico Institucional y planes de acción de la vigencia",
            Description = "Insumo para la fijación de las metas y objetivos (P-TH-10, actividad 1).",
            Date = today.AddDays(-7),
            StartTime = new(9, 0),
            EndTime = new(11, 0),
            Place = "Auditorio principal",
            Audience = SessionAudience.Everyone,
            OrganizerEmail = DemoData.PlaneacionEmail,
            OrganizerName = "Oficina Asesora de Planeación",
            CreatedAt = now.UtcDateTime,
        };
        var coming = new Session
        {
            PeriodId = period.Id,
            Kind = SessionKind.Socialization,
            Topic = "Cómo concertar metas y autoevaluarse en EGI",
            Date = today.AddDays(7),
            StartTime = new(14, 0),
            EndTime = new(16, 0),
            Place = "Sala de juntas, piso 3",
            Link = "https://teams.microsoft.com/l/meetup-join/egi-demo",
            Audience = SessionAudience.Evaluados,
            OrganizerEmail = DemoData.TalentoHumanoEmail,
            OrganizerName = "Talento Humano",
            CreatedAt = now.UtcDateTime,
        };
        db.AddRange(held, coming);
        await SessionInvitations.SyncInviteesAsync(db, held, ct);
        await SessionInvitations.SyncInviteesAsync(db, coming, ct);
        // Two of every three invitees attended the divulgation session.
        foreach (var (invitee, i) in held.Invitees.Select((x, i) => (x, i)).Where(p => p.i % 3 != 2))
        {
            invitee.Attended = true;
            invitee.AttendanceRecordedAt = now.UtcDateTime;
            invitee.AttendanceSource = "Demostración";
        }
        await db.SaveChangesAsync(ct);
    }
}
