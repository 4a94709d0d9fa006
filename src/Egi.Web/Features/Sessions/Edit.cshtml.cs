using Egi.Domain.Calendar;
using Egi.Domain.Common;
using Egi.Domain.Process;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Sessions;

/// <summary>Schedules or changes a session. Talento Humano: every session; Planeación: divulgation sessions only.</summary>
public sealed class EditModel(EgiDbContext db, CurrentUser me, TimeProvider clock) : PageModel
{
    [BindProperty]
    public SessionForm Input { get; set; } = new();

    public Session? Existing { get; private set; }
    public Period? Period { get; private set; }

    /// <summary>Why no session of the period can be scheduled or changed (it is closed); null while it can.</summary>
    public string? ReadOnlyReason => Period is null ? null : ProcessPeriod.ReadOnlyReason(Period);
    public IReadOnlyList<SessionKind> Kinds { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Dependencies { get; private set; } = [];

    /// <summary>Text fields, so anything typed comes back with a Spanish message instead of a binding error.</summary>
    public sealed class SessionForm
    {
        public string? Kind { get; set; }
        public string? Topic { get; set; }
        public string? Date { get; set; }
        public string? StartTime { get; set; }
        public string? EndTime { get; set; }
        public string? Place { get; set; }
        public string? Link { get; set; }
        public string? Audience { get; set; }
        public string? DependencyId { get; set; }
        public string? Description { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int? id, int? periodId, CancellationToken ct)
    {
        if (await LoadAsync(id, periodId, ct) is { } refused) return refused;
        if (Existing is { } s)
        {
            Input = new SessionForm
            {
                Kind = ((int)s.Kind).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Topic = s.Topic,
                Date = s.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                StartTime = ProcessPeriod.Time(s.StartTime),
                EndTime = ProcessPeriod.Time(s.EndTime),
                Place = s.Place,
                Link = s.Link,
                Audience = ((int)s.Audience).ToString(System.Globalization.CultureInfo.InvariantCulture),
                DependencyId = s.DependencyId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Description = s.Description,
            };
        }
        else
        {
            Input = new SessionForm
            {
                Kind = ((int)Kinds[0]).ToString(System.Globalization.CultureInfo.InvariantCulture),
                StartTime = "09:00",
                EndTime = "11:00",
                Audience = ((int)(Kinds[0] == SessionKind.Divulgation ? SessionAudience.Everyone : SessionAudience.Evaluados)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, int? periodId, CancellationToken ct)
    {
        if (await LoadAsync(id, periodId, ct) is { } refused) return refused;
        if (ModelState.RefusedAsClosed(Period!)) return Page();
        var (input, parseErrors) = Parse(Input);
        var errors = parseErrors.ToList();
        if (input.DependencyId is { } depId && input.Audience == SessionAudience.Dependency && !await db.Dependencies.AnyAsync(d => d.Id == depId, ct))
            errors.Add(new(nameof(input.DependencyId), SessionMessages.DependencyNotFound));
        var now = clock.GetUtcNow().UtcDateTime;
        var editor = new SessionEditor(me.IsTalentoHumano, me.IsPlaneacion);
        var session = Existing;
        var before = session?.ToInput();
        if (errors.Count == 0)
        {
            // The aggregate checks the input and who may schedule or change a session of its kind.
            Outcome outcome;
            if (session is null)
            {
                var organizer = (await db.Users.AsNoTracking().Where(u => u.Id == me.UserId).Select(u => u.Email).FirstOrDefaultAsync(ct)) ?? "egi@egi-demo.gov.co";
                (session, outcome) = Session.Schedule(Period!, editor, input, organizer, me.DisplayName, now);
                if (session is not null) db.Add(session);
            }
            else outcome = session.Change(Period!, editor, input);
            errors.AddRange(outcome.Errors);
        }
        else errors.AddRange(SessionRules.Validate(input).Where(e => parseErrors.All(p => p.Field != e.Field)));
        if (errors.Count > 0 || session is null)
        {
            ModelState.Clear();
            ModelState.AddFieldErrors(errors);
            return Page();
        }

        var (added, removed) = await SessionInvitations.SyncInviteesAsync(db, session, ct);
        await db.SaveChangesAsync(ct);
        db.Audit(before is null ? "Crear" : "Modificar", SessionInvitations.AuditEntity, session.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"{session.Kind.Label()} «{session.Topic}» del {ProcessPeriod.Date(session.Date)}: {session.Invitees.Count} invitados (+{added}, −{removed})",
            before, session.ToInput());
        await db.SaveChangesAsync(ct);
        TempData["Mensaje"] = before is null
            ? SessionMessages.Scheduled(session.Topic, session.Invitees.Count)
            : session.SentSequence is not null && (session.SentSequence != session.Sequence || added > 0)
                ? SessionMessages.SavedResendInvitations
                : SessionMessages.Saved;
        return RedirectToPage("./Details", new { id = session.Id });
    }

    private async Task<IActionResult?> LoadAsync(int? id, int? periodId, CancellationToken ct)
    {
        Kinds = SessionRules.KindsFor(me.IsTalentoHumano, me.IsPlaneacion);
        if (Kinds.Count == 0) return Forbid();
        if (id is { } sessionId)
        {
            Existing = await db.Set<Session>().Include(s => s.Invitees).FirstOrDefaultAsync(s => s.Id == sessionId, ct);
            if (Existing is null) return NotFound();
            if (!SessionRules.MayEdit(Existing.Kind, me.IsTalentoHumano, me.IsPlaneacion)) return Forbid();
            Period = await db.Periods.AsNoTracking().FirstAsync(p => p.Id == Existing.PeriodId, ct);
        }
        else
        {
            (Period, _) = await ProcessPeriod.PickAsync(db, periodId, me.Today, ct);
            if (Period is null) return RedirectToPage("./Index");
        }
        Dependencies = await db.Dependencies.AsNoTracking().OrderBy(d => d.Code)
            .Select(d => new SelectListItem(d.Code + " — " + d.Name, d.Id.ToString())).ToListAsync(ct);
        return null;
    }

    private static (SessionInput Input, List<FieldError> Errors) Parse(SessionForm f)
    {
        var errors = new List<FieldError>();
        SessionKind? kind = int.TryParse(f.Kind, out var k) && Enum.IsDefined((SessionKind)k) ? (SessionKind)k : null;
        SessionAudience? audience = int.TryParse(f.Audience, out var a) && Enum.IsDefined((SessionAudience)a) ? (SessionAudience)a : null;
        DateOnly? date = null;
        if (!string.IsNullOrWhiteSpace(f.Date))
        {
            if (ProcessPeriod.TryParseDate(f.Date, out var d)) date = d;
            else errors.Add(new("Date", SessionMessages.DateInvalid(f.Date)));
        }
        TimeOnly? start = null, end = null;
        if (!string.IsNullOrWhiteSpace(f.StartTime))
        {
            if (ProcessPeriod.TryParseTime(f.StartTime, out var t)) start = t;
            else errors.Add(new("StartTime", SessionMessages.StartTimeInvalid(f.StartTime)));
        }
        if (!string.IsNullOrWhiteSpace(f.EndTime))
        {
            if (ProcessPeriod.TryParseTime(f.EndTime, out var t)) end = t;
            else errors.Add(new("EndTime", SessionMessages.EndTimeInvalid(f.EndTime)));
        }
        int? dep = int.TryParse(f.DependencyId, out var di) ? di : null;
        return (new SessionInput(kind, f.Topic, date, start, end, f.Place, f.Link, audience, dep, f.Description), errors);
    }
}
