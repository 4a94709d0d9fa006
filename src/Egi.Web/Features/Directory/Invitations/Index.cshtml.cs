using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Directory.Invitations;

/// <summary>Accounts that never set a password, with the invitation e-mail to send again (Talento Humano).</summary>
public sealed class IndexModel(EgiDbContext db, UserManager<AppUser> users, ServantAccounts accounts) : PageModel
{
    public sealed record Row(string UserId, string Name, string Email, DateTime? LastInvitation);

    public IReadOnlyList<Row> Pending { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var pending = await db.Users.AsNoTracking()
            .Where(u => u.PasswordHash == null && u.ServantId != null)
            .OrderBy(u => u.DisplayName)
            .Select(u => new { u.Id, u.DisplayName, u.Email })
            .ToListAsync(ct);
        var ids = pending.Select(p => p.Id).ToList();
        var last = (await db.OutboxMessages.AsNoTracking()
                .Where(m => m.Kind == nameof(MailKind.Invitation) && m.RecipientUserId != null && ids.Contains(m.RecipientUserId))
                .Select(m => new { m.RecipientUserId, m.CreatedAt })
                .ToListAsync(ct))
            .GroupBy(m => m.RecipientUserId!)
            .ToDictionary(g => g.Key, g => g.Max(x => x.CreatedAt));
        Pending = pending.Select(p => new Row(p.Id, p.DisplayName, p.Email ?? "", last.TryGetValue(p.Id, out var at) ? at : null)).ToList();
    }

    public async Task<IActionResult> OnPostResendAsync(string userId)
    {
        var user = await users.FindByIdAsync(userId ?? "");
        if (user is null || user.ServantId is null) return NotFound();
        if (await users.HasPasswordAsync(user))
        {
            TempData["Mensaje"] = DirectoryMessages.AlreadyHasPassword(user.DisplayName);
            return RedirectToPage();
        }
        await accounts.InviteAsync(user);
        TempData["Mensaje"] = DirectoryMessages.InvitationResent(user.Email!);
        return RedirectToPage();
    }
}
