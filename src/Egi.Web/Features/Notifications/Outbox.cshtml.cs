using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Egi.Web.Notifications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Notifications;

/// <summary>Talento Humano's view of e-mail delivery: pending, sent, failed with the reason; resend a failed one.</summary>
[Authorize(Policy = Policies.TalentoHumano)]
public sealed class OutboxModel(EgiDbContext db, TimeProvider clock, OutboxSignal signal) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public OutboxState? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyDictionary<OutboxState, int> Counts { get; private set; } = new Dictionary<OutboxState, int>();
    public IReadOnlyList<OutboxMessage> Items { get; private set; } = [];
    public int Total { get; private set; }

    public static string Label(OutboxState s) => s switch
    {
        OutboxState.Pending => "Pendiente",
        OutboxState.Sending => "Enviando",
        OutboxState.Sent => "Enviado",
        OutboxState.Failed => "Fallido",
        _ => s.ToString(),
    };

    public async Task OnGetAsync(CancellationToken ct)
    {
        Counts = (await db.OutboxMessages.GroupBy(m => m.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(x => x.Key, x => x.Count);
        var q = db.OutboxMessages.AsNoTracking();
        if (State is { } s && Enum.IsDefined(s)) q = q.Where(m => m.State == s);
        if (!string.IsNullOrWhiteSpace(Search))
        {
            var term = Search.Trim().ToLower();
            // The kind is a stable code: a search finds the codes whose Spanish label contains the term.
            var kinds = EmailTemplates.KindsLabelled(term);
            q = q.Where(m => m.ToAddress.ToLower().Contains(term) || m.Subject.ToLower().Contains(term) || kinds.Contains(m.Kind));
        }
        Total = await q.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, Math.Max(1, (Total + PageSize - 1) / PageSize));
        Items = await q.OrderByDescending(m => m.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostResendAsync(long id, CancellationToken ct)
    {
        var m = await db.OutboxMessages.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (m is null) return NotFound();
        if (m.State != OutboxState.Failed)
        {
            TempData["Mensaje"] = NotificationMessages.NotFailed(m.ToAddress, Label(m.State));
            return RedirectToPage(new { State, Search });
        }
        m.State = OutboxState.Pending;
        m.Attempts = 0;
        m.NextAttemptAt = clock.GetUtcNow().UtcDateTime;
        m.LastError = null;
        db.Audit("Reenviar", "Correo", m.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Reenvío de «{m.Subject}» a {m.ToAddress}");
        await db.SaveChangesAsync(ct);
        signal.Notify();
        TempData["Mensaje"] = NotificationMessages.Requeued(m.ToAddress);
        return RedirectToPage(new { State, Search });
    }
}
