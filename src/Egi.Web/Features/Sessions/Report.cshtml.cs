using System.Globalization;
using Egi.Domain.Calendar;
using Egi.Domain.Process;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Egi.Web.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Sessions;

/// <summary>Attendance of the period's sessions: per session and per dependencia, on screen and as .xlsx (with every record).</summary>
public sealed class ReportModel(EgiDbContext db, CurrentUser me, TimeProvider clock) : PageModel
{
    public sealed record SessionLine(int Id, DateOnly Date, TimeOnly Start, TimeOnly End, SessionKind Kind, string Topic, string? Place, string? Link,
        bool Held, int Invited, int Attended)
    {
        public decimal? Percent => Held ? ProcedureActivities.Percent(Attended, Invited) : null;
    }

    public sealed record DependencyLine(string Dependency, int Invited, int Attended)
    {
        public decimal? Percent => ProcedureActivities.Percent(Attended, Invited);
    }

    public sealed record RecordLine(DateOnly Date, SessionKind Kind, string Topic, string Document, string Name, string Dependency, bool Held, bool Attended);

    public Period? Period { get; private set; }
    public IReadOnlyList<Period> Periods { get; private set; } = [];
    public IReadOnlyList<SessionLine> Sessions { get; private set; } = [];
    public IReadOnlyList<DependencyLine> ByDependency { get; private set; } = [];
    public IReadOnlyList<RecordLine> Records { get; private set; } = [];

    public async Task OnGetAsync(int? periodId, CancellationToken ct)
    {
        await BuildAsync(periodId, ct);
        // SPEC §9: the report lists each person's attendance with their document: its reads are audited, as its export.
        if (Period is null) return;
        db.Audit(AuditActions.Read, AuditEntity, Period.Id.ToString(CultureInfo.InvariantCulture),
            $"Consulta en pantalla del informe de asistencia de la {Period.Name} (sesiones: {Sessions.Count}; registros de asistencia: {Records.Count}).");
        await db.SaveChangesAsync(ct);
    }

    public const string AuditEntity = "Asistencia a sesiones";

    public async Task<IActionResult> OnGetXlsxAsync(int? periodId, CancellationToken ct)
    {
        // SPEC §9: exports of personal data are for Talento Humano and Consulta only, and logged.
        if (!me.CanReadReports) return Forbid();
        await BuildAsync(periodId, ct);
        if (Period is null) return RedirectToPage("./Index");
        var book = new XlsxWorkbook()
            .AddSheet("Sesiones",
            [
                new("Fecha", XlsxKind.Date), new("Tipo"), new("Tema", Width: 40), new("Hora de inicio"), new("Hora de fin"),
                new("Lugar"), new("Enlace"), new("Invitados", XlsxKind.Integer), new("Asistentes", XlsxKind.Integer), new("% de asistencia", XlsxKind.Percent),
            ], Sessions.Select(s => (IReadOnlyList<object?>)
            [
                s.Date, s.Kind.Label(), s.Topic, ProcessPeriod.Time(s.Start), ProcessPeriod.Time(s.End), s.Place, s.Link, s.Invited,
                s.Held ? s.Attended : null, s.Percent,
            ]))
            .AddSheet("Por dependencia",
            [
                new("Dependencia", Width: 45), new("Citaciones", XlsxKind.Integer), new("Asistencias", XlsxKind.Integer), new("% de asistencia", XlsxKind.Percent),
            ], ByDependency.Select(d => (IReadOnlyList<object?>)[d.Dependency, d.Invited, d.Attended, d.Percent]))
            .AddSheet("Registro de asistencia",
            [
                new("Fecha", XlsxKind.Date), new("Tipo"), new("Tema", Width: 40), new("Número de documento"), new("Nombre", Width: 35),
                new("Dependencia", Width: 45), new("Asistió"),
            ], Records.Select(r => (IReadOnlyList<object?>)
            [
                r.Date, r.Kind.Label(), r.Topic, r.Document, r.Name, r.Dependency, r.Held ? (r.Attended ? "Sí" : "No") : "Aún no se realiza",
            ]));
        db.Audit(AuditActions.Export, AuditEntity, Period.Id.ToString(CultureInfo.InvariantCulture),
            $"Descarga .xlsx de las sesiones de la {Period.Name}: {Sessions.Count} sesiones, {Records.Count} registros");
        await db.SaveChangesAsync(ct);
        return File(book.ToBytes(), XlsxWorkbook.ContentType, $"sesiones-{Period.Year}.xlsx");
    }

    private async Task BuildAsync(int? periodId, CancellationToken ct)
    {
        (Period, Periods) = await ProcessPeriod.PickAsync(db, periodId, me.Today, ct);
        if (Period is null) return;
        var now = clock.GetUtcNow();
        var sessions = await db.Set<Session>().AsNoTracking().Where(s => s.PeriodId == Period.Id)
            .OrderBy(s => s.Date).ThenBy(s => s.StartTime).ToListAsync(ct);
        var ids = sessions.Select(s => s.Id).ToList();
        var rows = await (from i in db.Set<SessionInvitee>().AsNoTracking()
                          where ids.Contains(i.SessionId)
                          join s in db.Servants on i.ServantId equals s.Id
                          join d in db.Dependencies on s.DependencyId equals d.Id
                          select new { i.SessionId, i.Attended, s.DocumentNumber, Name = s.FirstNames + " " + s.LastNames, s.LastNames, Dependency = d.Name, DependencyCode = d.Code })
            .ToListAsync(ct);
        var bySession = rows.ToLookup(r => r.SessionId);
        Sessions = sessions.Select(s => new SessionLine(s.Id, s.Date, s.StartTime, s.EndTime, s.Kind, s.Topic, s.Place, s.Link, s.IsHeld(now),
            bySession[s.Id].Count(), bySession[s.Id].Count(r => r.Attended))).ToList();
        var held = Sessions.Where(s => s.Held).Select(s => s.Id).ToHashSet();
        ByDependency = rows.Where(r => held.Contains(r.SessionId))
            .GroupBy(r => (r.DependencyCode, r.Dependency))
            .OrderBy(g => g.Key.DependencyCode)
            .Select(g => new DependencyLine(g.Key.Dependency, g.Count(), g.Count(r => r.Attended)))
            .ToList();
        var sessionById = Sessions.ToDictionary(s => s.Id);
        Records = rows.OrderBy(r => sessionById[r.SessionId].Date).ThenBy(r => r.SessionId).ThenBy(r => r.Name)
            .Select(r => { var s = sessionById[r.SessionId]; return new RecordLine(s.Date, s.Kind, s.Topic, r.DocumentNumber, r.Name, r.Dependency, s.Held, r.Attended); })
            .ToList();
    }
}
