using Egi.Domain.Calendar;
using Egi.Domain.Process;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Sessions;

/// <summary>The divulgation and socialization sessions of a period (activities 1 and 2).</summary>
public sealed class IndexModel(EgiDbContext db, CurrentUser me, TimeProvider clock) : PageModel
{
    public sealed record Row(int Id, DateOnly Date, TimeOnly Start, TimeOnly End, SessionKind Kind, string Topic, string Audience,
        int Invited, int Attended, bool Held, string Invitations, bool MayEdit);

    public Period? Period { get; private set; }
    public IReadOnlyList<Period> Periods { get; private set; } = [];
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<SessionKind> KindsICanCreate { get; private set; } = [];

    /// <summary>Why the period's sessions cannot change (it is closed); null while they can.</summary>
    public string? ReadOnlyReason => Period is null ? null : ProcessPeriod.ReadOnlyReason(Period);

    public async Task OnGetAsync(int? periodId, CancellationToken ct)
    {
        (Period, Periods) = await ProcessPeriod.PickAsync(db, periodId, me.Today, ct);
        KindsICanCreate = SessionRules.KindsFor(me.IsTalentoHumano, me.IsPlaneacion);
        if (Period is null) return;
        var now = clock.GetUtcNow();
        var deps = await db.Dependencies.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var sessions = await db.Set<Session>().AsNoTracking().Include(s => s.Invitees)
            .Where(s => s.PeriodId == Period.Id).ToListAsync(ct);
        Rows = sessions.OrderBy(s => s.Date).ThenBy(s => s.StartTime).Select(s => new Row(
            s.Id, s.Date, s.StartTime, s.EndTime, s.Kind, s.Topic,
            AudienceText(s.Audience, s.DependencyId, deps),
            s.Invitees.Count, s.Invitees.Count(i => i.Attended), s.IsHeld(now),
            InvitationStatus(s),
            SessionRules.MayEdit(s.Kind, me.IsTalentoHumano, me.IsPlaneacion))).ToList();
    }

    public static string AudienceText(SessionAudience audience, int? dependencyId, IReadOnlyDictionary<int, string> deps) =>
        audience == SessionAudience.Dependency && dependencyId is { } d && deps.TryGetValue(d, out var name)
            ? $"Dependencia: {name}"
            : audience.Label();

    public static string InvitationStatus(Session s) =>
        s.SentSequence is null ? "Sin enviar"
        : s.SentSequence != s.Sequence || s.Invitees.Any(i => i.InvitedSequence != s.Sequence) ? "Pendientes por enviar"
        : "Enviadas";
}
