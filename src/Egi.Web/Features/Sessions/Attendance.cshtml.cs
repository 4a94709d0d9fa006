using System.Globalization;
using Egi.Domain.Process;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Egi.Web.Infrastructure.Import;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Sessions;

/// <summary>
/// Import of a session's attendance list (.xlsx or .csv), through the pipeline every import shares
/// (<see cref="SheetImportPageModel"/>): upload → columns found by name → every row checked against the invitees →
/// errors by row and column, or a preview → confirmation, which checks the kept file again against the register and
/// records it through the session in one save, or nothing. Whoever manages the session (Talento Humano; Planeación its
/// divulgation sessions), once it ended.
/// </summary>
[UploadLimit(UploadKind.Sheet)]
public sealed class AttendanceModel(EgiDbContext db, CurrentUser me, TimeProvider clock, IConfiguration config, IHostEnvironment env,
    Microsoft.Extensions.Options.IOptionsSnapshot<UploadOptions> uploads, ILogger<AttendanceModel> logger) : SheetImportPageModel(config, env)
{
    public const int MaxErrorsShown = 500;
    public const int MaxRowsShown = 1000;
    public const string SheetName = "Asistencia";

    /// <summary>The template's data sheet, read first from a workbook that has it (normalized name); else the first sheet.</summary>
    public const string PreferredSheet = "asistencia";

    public Session Session { get; private set; } = null!;
    public IReadOnlyList<InviteeRow> Register { get; private set; } = [];
    public bool Held { get; private set; }
    public Egi.Domain.Calendar.Period Period { get; private set; } = null!;

    /// <summary>Why the attendance cannot change (the session's period is closed); null while it may.</summary>
    public string? ReadOnlyReason => ProcessPeriod.ReadOnlyReason(Period);
    public AttendanceImportPlan? Result { get; private set; }

    private SessionEditor Editor => new(me.IsTalentoHumano, me.IsPlaneacion);
    private long MaxBytes => uploads.Value.BytesOf(UploadKind.Sheet);
    private string EntityId => Session.Id.ToString(CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    /// <summary>The list to fill: one row per invitee, «Asistió» in No; whoever fills it changes it to Sí.</summary>
    public async Task<IActionResult> OnGetTemplateAsync(int id, CancellationToken ct) =>
        await LoadAsync(id, ct) ?? File(SheetTemplate.Xlsx(SheetName, Columns, Examples, Notes), Egi.Web.Reports.XlsxWorkbook.ContentType, FileNameOf("xlsx"));

    public async Task<IActionResult> OnGetTemplateCsvAsync(int id, CancellationToken ct) =>
        await LoadAsync(id, ct) ?? File(SheetTemplate.Csv(Columns.Select(c => c.Header), Examples), "text/csv; charset=utf-8", FileNameOf("csv"));

    /// <summary>Upload: read, check against the invitees, and show the errors or the preview.</summary>
    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        ModelState.Clear();
        Token = null;
        if (ModelState.RefusedAsClosed(Period)) return Page();
        if (NotHeld() is { } notYet) return notYet;
        var upload = await SpreadsheetReader.ReadUploadAsync(Upload, SessionMessages.AttendanceFileMissing, logger, PreferredSheet, MaxBytes, ct);
        FileName = upload.FileName;
        if (upload.WasRead)
        {
            db.Audit("Cargar archivo", SessionInvitations.AuditEntity, EntityId, $"«{Session.Topic}», lista de asistencia: {SpreadsheetReader.AuditSummary(upload)}");
            await db.SaveChangesAsync(ct);
        }
        if (upload.Error is { } error)
        {
            ModelState.AddModelError(nameof(Upload), error);
            return Page();
        }
        Result = AttendanceImport.Plan(upload.Content.Rows, Invitees);
        if (Result.IsValid)
        {
            Token = await Pending.SaveAsync(upload.Bytes, FileName, ct);
            Fingerprint = Result.Fingerprint;
        }
        return Page();
    }

    /// <summary>Confirmation: the kept file is checked again against the register and recorded only if it still marks the same people.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        ModelState.Clear();
        if (ModelState.RefusedAsClosed(Period))
        {
            DiscardPending();
            return Page();
        }
        if (await LoadPendingAsync(ct) is not { } pending) return Page();
        FileName = pending.FileName;
        var content = SpreadsheetReader.Read(pending.Content, logger, PreferredSheet, MaxBytes);
        Result = content.Error is null ? AttendanceImport.Plan(content.Rows, Invitees) : null;
        if (content.Error is { } error || !Result!.IsValid)
        {
            DiscardPending();
            if (content.Error is { } readError) ModelState.AddModelError(nameof(Upload), readError);
            return Page();
        }
        if (Result.Fingerprint != Fingerprint)
        {
            PlanChanged = true;
            Fingerprint = Result.Fingerprint;
            return Page();
        }
        // The session records it (who may, once it ended, invitees only); all the marks go in one save, or none.
        var outcome = Session.ImportAttendance(Period, Editor, Result.AttendedServantIds, clock.GetUtcNow(), out var changed);
        if (!outcome.Succeeded)
        {
            foreach (var e in outcome.Errors) ModelState.AddModelError(string.Empty, e.Message);
            return Page();
        }
        db.Audit("Importar asistencia", SessionInvitations.AuditEntity, EntityId,
            $"«{Session.Topic}»: archivo «{Shorten(FileName, 200)}», {Result.AttendedServantIds.Count} asistentes en la lista, {changed} marcados ahora",
            null, Result.Marks.Select(m => new { Fila = m.Row, Documento = m.Document, m.Name }).ToList());
        await db.SaveChangesAsync(ct);
        Pending.Delete(Token);
        TempData["Mensaje"] = SessionMessages.AttendanceImported(FileName, Result.AttendedServantIds.Count, changed);
        return RedirectToPage("./Details", new { id });
    }

    public async Task<IActionResult> OnPostCancelAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        Pending.Delete(Token);
        TempData["Mensaje"] = SessionMessages.AttendanceImportCancelled;
        return RedirectToPage("./Details", new { id });
    }

    private IReadOnlyList<AttendanceInvitee> Invitees => Register.Select(r => new AttendanceInvitee(r.ServantId, r.Document, r.Name, r.Attended)).ToList();

    private static IReadOnlyList<SheetTemplate.Column> Columns =>
        AttendanceImport.Layout.All.Select(c => new SheetTemplate.Column(c.Header, c.Required, c.Description)).ToList();

    private IEnumerable<string[]> Examples => Register.Select(r => new[] { r.Document, r.Name, r.Attended ? "Sí" : "No" });

    private IReadOnlyList<string> Notes => SessionMessages.AttendanceTemplateNotes(Session.Topic, Session.Date);

    private string FileNameOf(string extension) => $"asistencia-sesion-{EntityId}.{extension}";

    private IActionResult? NotHeld()
    {
        if (Held) return null;
        ModelState.AddModelError(nameof(Upload),
            SessionMessages.AttendanceBeforeEnd(Session.Date, Session.EndTime));
        return Page();
    }

    /// <summary>Null when the session exists and the person manages it; otherwise the answer (404, 403).</summary>
    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var session = await db.Set<Session>().Include(s => s.Invitees).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (session is null) return NotFound();
        if (!Editor.MayEdit(session.Kind)) return Forbid();
        Session = session;
        Period = await db.Periods.AsNoTracking().FirstAsync(p => p.Id == session.PeriodId, ct);
        Register = await SessionInvitations.RegisterAsync(db, id, ct);
        Held = session.IsHeld(clock.GetUtcNow());
        return null;
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
