using System.Globalization;
using Egi.Domain.Directory.Import;
using Egi.Domain.Process;
using Egi.Web.Data;
using Egi.Web.Features.WorkPlan;
using Egi.Web.Infrastructure;
using Egi.Web.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Egi.Web.Infrastructure.Import;

namespace Egi.Web.Features.Sessions;

/// <summary>A session: its data, the citations by e-mail (.ics) and the attendance register (on screen or from a list).</summary>
[UploadLimit(UploadKind.Sheet)]
public sealed class DetailsModel(EgiDbContext db, CurrentUser me, TimeProvider clock, Notifier notifier, EmailTemplates templates,
    Microsoft.Extensions.Options.IOptionsSnapshot<UploadOptions> uploads, ILogger<DetailsModel> logger) : PageModel
{
    public const int MaxErrorsShown = 100;

    public Session Session { get; private set; } = null!;
    public string PeriodName { get; private set; } = "";
    public string Audience { get; private set; } = "";
    public IReadOnlyList<InviteeRow> Register { get; private set; } = [];
    public bool MayEdit { get; private set; }

    /// <summary>Names and document numbers: for whoever manages the session and for Talento Humano and Consulta (Ley 1581).</summary>
    public bool ShowsPeople => MayEdit || me.CanReadReports;
    public bool Held { get; private set; }
    public IReadOnlyList<ImportError> ImportErrors { get; private set; } = [];
    public string? ImportFileName { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSendAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!MayEdit) return Forbid();
        if (Session.Invitees.Count == 0)
        {
            ModelState.AddModelError("", "La sesión no tiene invitados: revise los «Invitados» de la sesión.");
            return Page();
        }
        var now = clock.GetUtcNow();
        var sent = await SessionInvitations.SendAsync(db, notifier, templates, Session, now, ct);
        db.Audit("Enviar citaciones", SessionInvitations.AuditEntity, Session.Id.ToString(CultureInfo.InvariantCulture),
            $"{Session.Kind.Label()} «{Session.Topic}»: {sent} citaciones enviadas (versión {Session.Sequence})");
        await db.SaveChangesAsync(ct);
        TempData["Mensaje"] = sent == 0
            ? "Todos los invitados ya tenían la citación vigente: no se envió nada nuevo."
            : $"Se enviaron {sent} citaciones con el archivo de calendario (.ics).";
        return RedirectToPage(new { id });
    }

    /// <summary>Cancels a session that has no attendance recorded: the invitees get the cancellation for their calendars.</summary>
    public async Task<IActionResult> OnPostCancelAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!MayEdit) return Forbid();
        if (Session.Invitees.Any(i => i.Attended))
        {
            ModelState.AddModelError("", "La sesión ya tiene asistencia registrada: no se puede cancelar (el registro de asistencia se conserva).");
            return Page();
        }
        var sent = await SessionCancellation.SendAsync(db, notifier, templates, Session, clock.GetUtcNow(), ct);
        db.Audit("Cancelar", SessionInvitations.AuditEntity, Session.Id.ToString(CultureInfo.InvariantCulture),
            $"{Session.Kind.Label()} «{Session.Topic}» del {ProcessPeriod.Date(Session.Date)} cancelada; {sent} avisos de cancelación", Session.ToInput());
        db.Remove(Session);
        await db.SaveChangesAsync(ct);
        TempData["Mensaje"] = sent == 0
            ? $"Se canceló la sesión «{Session.Topic}»."
            : $"Se canceló la sesión «{Session.Topic}» y se avisó a {sent} invitados (el archivo adjunto la quita de su calendario).";
        return RedirectToPage("./Index", new { periodId = Session.PeriodId });
    }

    public async Task<IActionResult> OnPostAttendanceAsync(int id, long[] attended, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!MayEdit) return Forbid();
        if (!Held)
        {
            ModelState.AddModelError("", $"La sesión es el {ProcessPeriod.Date(Session.Date)} a las {ProcessPeriod.Time(Session.EndTime)}: la asistencia se registra cuando termine.");
            return Page();
        }
        var set = attended.ToHashSet();
        var changed = Mark(i => set.Contains(i.Id), "Pantalla");
        db.Audit("Registrar asistencia", SessionInvitations.AuditEntity, Session.Id.ToString(CultureInfo.InvariantCulture),
            $"«{Session.Topic}»: {Session.Invitees.Count(i => i.Attended)} asistentes de {Session.Invitees.Count} invitados ({changed} cambios, en pantalla)");
        await db.SaveChangesAsync(ct);
        TempData["Mensaje"] = $"Se guardó la asistencia: {Session.Invitees.Count(i => i.Attended)} de {Session.Invitees.Count} invitados asistieron.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostImportAsync(int id, IFormFile? file, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!MayEdit) return Forbid();
        if (!Held)
        {
            ModelState.AddModelError("file", $"La sesión es el {ProcessPeriod.Date(Session.Date)}: la lista de asistencia se carga cuando termine.");
            return Page();
        }
        var upload = await SpreadsheetReader.ReadUploadAsync(file, "Elija el archivo de la lista de asistencia (.xlsx o .csv).", logger,
            maxBytes: uploads.Value.BytesOf(UploadKind.Sheet), ct: ct);
        ImportFileName = upload.FileName;
        if (upload.WasRead)
        {
            db.Audit("Cargar archivo", SessionInvitations.AuditEntity, Session.Id.ToString(CultureInfo.InvariantCulture),
                $"«{Session.Topic}», lista de asistencia: {SpreadsheetReader.AuditSummary(upload)}");
            await db.SaveChangesAsync(ct);
        }
        var content = upload.Content;
        if (content.Error is not null)
        {
            ModelState.AddModelError("file", content.Error);
            return Page();
        }
        var byDocument = Register.ToDictionary(r => r.Document, r => r.ServantId);
        var result = AttendanceImport.Read(content.Rows, byDocument);
        if (!result.Succeeded)
        {
            ImportErrors = result.Errors;
            ModelState.AddModelError("file", $"No se registró ninguna asistencia: el archivo «{upload.FileName}» tiene {result.Errors.Count} problema(s). Corríjalos y cárguelo de nuevo.");
            return Page();
        }
        var ids = result.AttendedServantIds.ToHashSet();
        var changed = Mark(i => i.Attended || ids.Contains(i.ServantId), "Lista importada");
        db.Audit("Importar asistencia", SessionInvitations.AuditEntity, Session.Id.ToString(CultureInfo.InvariantCulture),
            $"«{Session.Topic}»: archivo «{upload.FileName}», {ids.Count} asistentes en la lista, {changed} marcados ahora");
        await db.SaveChangesAsync(ct);
        TempData["Mensaje"] = $"Se importó la lista «{upload.FileName}»: {ids.Count} asistentes ({changed} nuevos en el registro).";
        return RedirectToPage(new { id });
    }

    private int Mark(Func<SessionInvitee, bool> attended, string source)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = 0;
        foreach (var i in Session.Invitees)
        {
            var value = attended(i);
            if (value == i.Attended) continue;
            i.Attended = value;
            i.AttendanceRecordedAt = now;
            i.AttendanceSource = source;
            changed++;
        }
        return changed;
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var session = await db.Set<Session>().Include(s => s.Invitees).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (session is null) return false;
        Session = session;
        PeriodName = await db.Periods.Where(p => p.Id == session.PeriodId).Select(p => p.Name).FirstAsync(ct);
        var deps = await db.Dependencies.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        Audience = IndexModel.AudienceText(session.Audience, session.DependencyId, deps);
        Register = await SessionInvitations.RegisterAsync(db, id, ct);
        MayEdit = SessionRules.MayEdit(session.Kind, me.IsTalentoHumano, me.IsPlaneacion);
        Held = session.IsHeld(clock.GetUtcNow());
        return true;
    }
}
