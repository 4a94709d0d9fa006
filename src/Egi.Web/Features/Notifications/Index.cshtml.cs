using Egi.Web.Data;
using Egi.Web.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Notifications;

/// <summary>"Mis notificaciones": the in-app copy of every notification sent to the signed-in person.</summary>
public sealed class IndexModel(EgiDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<InboxNotification> Items { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public bool OnlyUnread { get; set; }

    private string UserId => User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var q = db.InboxNotifications.AsNoTracking().Where(n => n.UserId == UserId);
        if (OnlyUnread) q = q.Where(n => n.ReadAt == null);
        Items = await q.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(200).ToListAsync(ct);
    }

    /// <summary>Marks one notification read and opens its screen. Only the owner's notifications are found.</summary>
    public async Task<IActionResult> OnPostOpenAsync(long id, CancellationToken ct)
    {
        var n = await db.InboxNotifications.FirstOrDefaultAsync(x => x.Id == id && x.UserId == UserId, ct);
        if (n is null) return NotFound();
        n.ReadAt ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return n.Link is { } link && Url.IsLocalUrl(link) ? LocalRedirect(link) : RedirectToPage();
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.InboxNotifications.Where(n => n.UserId == UserId && n.ReadAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAt, now), ct);
        TempData["Mensaje"] = NotificationMessages.AllRead;
        return RedirectToPage();
    }
}
