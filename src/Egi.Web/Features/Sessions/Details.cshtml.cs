using System.Globalization;
using Egi.Domain.Process;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Egi.Web.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Sessions;

/// <summary>A session: its data, the citations by e-mail (.ics) and the attendance register (on screen or from a list).</summary>
public sealed class DetailsModel(EgiDbContext db, CurrentUser me, TimeProvider clock, Notifier notifier, EmailTemplates templates) : PageModel
{
    public Session Session { get; private set; } = null!;
    public Egi.Domain.Calendar.Period Period { get; private set; } = null!;
    public string Audience { get; private set; } = "";
    public IReadOnlyList<InviteeRow> Register { get; private set; } = [];
    public bool MayEdit { get; private set; }

    /// <summary>Why nothing of the session can change (its period is closed); null while it may.</summary>
    public string? ReadOnlyReason { get; private set; }

    /// <summary>Whether the page offers the person the session's changes: they manage it and its period is not closed.</summary>
    public bool Editable => MayEdit && ReadOnlyReason is null;

    /// <summary>Names and document numbers: for whoever manages the session and for Talento Humano and Consulta (Ley 1581).</summary>
    public bool ShowsPeople => MayEdit || me.CanReadReports;
    public bool Held { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSendAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!MayEdit) return Forbid();
        if (ModelState.RefusedAsClosed(Period)) return Page();
        var (outcome, sent) = await SessionInvitations.SendAsync(db, notifier, templates, Session, Period, Editor, clock.GetUtcNow(), ct);
        if (!outcome.Succeeded) return Refused(outcome);
        db.Audit("Enviar citaciones", SessionInvitations.AuditEntity, Session.Id.ToString(CultureInfo.InvariantCulture),
            $"{Session.Kind.Label()} «{Session.Topic}»: {sent} citaciones enviadas (versión {Session.Sequence})");
        await db.SaveChangesAsync(ct);
        TempData["Mensaje"] = SessionMessages.InvitationsSent(sent);
        return RedirectToPage(new { id });
    }

    /// <summary>Cancels a session that has no attendance recorded: the invitees get the cancellation for their calendars.</summary>
    public async Task<IActionResult> OnPostCancelAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!MayEdit) return Forbid();
        if (ModelState.RefusedAsClosed(Period)) return Page();
        var (outcome, sent) = await SessionCancellation.SendAsync(db, notifier, templates, Session, Period, Editor, clock.GetUtcNow(), ct);
        if (!outcome.Succeeded) return Refused(outcome);
        db.Audit("Cancelar", SessionInvitations.AuditEntity, Session.Id.ToString(CultureInfo.InvariantCulture),
            $"{Session.Kind.Label()} «{Session.Topic}» del {ProcessPeriod.Date(Session.Date)} cancelada; {sent} avisos de cancelación", Session.ToInput());
        db.Remove(Session);
        await db.SaveChangesAsync(ct);
        TempData["Mensaje"] = SessionMessages.Cancelled(Session.Topic, sent);
        return RedirectToPage("./Index", new { periodId = Session.PeriodId });
    }

    /// <summary>The register marked on screen: the checked invitees attended, the others did not.</summary>
    public async Task<IActionResult> OnPostAttendanceAsync(int id, long[] attended, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!MayEdit) return Forbid();
        if (ModelState.RefusedAsClosed(Period)) return Page();
        var rows = attended.ToHashSet();
        var servants = Session.Invitees.Where(i => rows.Contains(i.Id)).Select(i => i.ServantId).ToHashSet();
        var outcome = Session.RecordAttendance(Period, Editor, servants, clock.GetUtcNow(), out var changed);
        if (!outcome.Succeeded) return Refused(outcome);
        db.Audit("Registrar asistencia", SessionInvitations.AuditEntity, Session.Id.ToString(CultureInfo.InvariantCulture),
            $"«{Session.Topic}»: {Session.AttendedCount} asistentes de {Session.Invitees.Count} invitados ({changed} cambios, en pantalla)");
        await db.SaveChangesAsync(ct);
        TempData["Mensaje"] = SessionMessages.AttendanceSaved(Session.AttendedCount, Session.Invitees.Count);
        return RedirectToPage(new { id });
    }

    private SessionEditor Editor => new(me.IsTalentoHumano, me.IsPlaneacion);

    private PageResult Refused(Egi.Domain.Common.Outcome outcome)
    {
        foreach (var e in outcome.Errors) ModelState.AddModelError("", e.Message);
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var session = await db.Set<Session>().Include(s => s.Invitees).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (session is null) return false;
        Session = session;
        Period = await db.Periods.AsNoTracking().FirstAsync(p => p.Id == session.PeriodId, ct);
        ReadOnlyReason = ProcessPeriod.ReadOnlyReason(Period);
        var deps = await db.Dependencies.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        Audience = IndexModel.AudienceText(session.Audience, session.DependencyId, deps);
        Register = await SessionInvitations.RegisterAsync(db, id, ct);
        MayEdit = SessionRules.MayEdit(session.Kind, me.IsTalentoHumano, me.IsPlaneacion);
        Held = session.IsHeld(clock.GetUtcNow());
        return true;
    }
}
