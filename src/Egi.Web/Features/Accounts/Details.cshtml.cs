using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Accounts;

/// <summary>One account (Talento Humano): grant and revoke roles, lock and unlock, resend the invitation.</summary>
[Authorize(Policy = Policies.TalentoHumano)]
public sealed class DetailsModel(EgiDbContext db, UserManager<AppUser> users, AccountAdministration admin, CurrentUser me, TimeProvider clock) : PageModel
{
    public AppUser Account { get; private set; } = null!;
    public IReadOnlyList<string> Roles { get; private set; } = [];
    public string? ServantName { get; private set; }
    public string? ServantDocument { get; private set; }
    public DateOnly? RetirementDate { get; private set; }
    public bool HasPassword { get; private set; }
    public bool TemporarilyLocked { get; private set; }
    public bool IsSelf { get; private set; }

    /// <summary>The institutional account («sub») the account is linked to by its first institutional sign-in, if any.</summary>
    public string? InstitutionalSubject { get; private set; }

    /// <summary>The Spanish reason an action was refused, shown at the top of the page.</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostGrantAsync(string id, string? role, CancellationToken ct) =>
        ActAsync(id, u => admin.GrantAsync(u, role ?? "", ct), u => AccountsMessages.RoleGranted(role, u.DisplayName), ct);

    public Task<IActionResult> OnPostRevokeAsync(string id, string? role, CancellationToken ct) =>
        ActAsync(id, u => admin.RevokeAsync(u, role ?? "", ct),
            u => AccountsMessages.RoleRevoked(role, u.DisplayName), ct);

    public Task<IActionResult> OnPostLockAsync(string id, CancellationToken ct) =>
        ActAsync(id, u => admin.LockAsync(u, ct), u => AccountsMessages.AccountLocked(u.DisplayName), ct);

    public Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken ct) =>
        ActAsync(id, u => admin.UnlockAsync(u, ct), u => AccountsMessages.AccountUnlocked(u.DisplayName), ct);

    public Task<IActionResult> OnPostInviteAsync(string id, CancellationToken ct) =>
        ActAsync(id, u => admin.InviteAsync(u, ct), u => AccountsMessages.InvitationResent(u.Email), ct);

    /// <summary>
    /// Removes the link to the institutional account (its «sub»): the next institutional sign-in whose claim names this
    /// account links it again — for a person whose account in the identity provider was replaced.
    /// </summary>
    public Task<IActionResult> OnPostUnlinkAsync(string id, CancellationToken ct) =>
        ActAsync(id, u => admin.UnlinkInstitutionalAsync(u, ct), u => AccountsMessages.Unlinked(u.DisplayName), ct);

    private async Task<IActionResult> ActAsync(string id, Func<AppUser, Task<string?>> action, Func<AppUser, string> done, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id ?? "");
        if (user is null) return NotFound();
        var refusal = await action(user);
        if (refusal is null)
        {
            TempData["Mensaje"] = done(user);
            return RedirectToPage(new { id });
        }
        db.ChangeTracker.Clear();
        await LoadAsync(id!, ct);
        Refusal = refusal;
        return Page();
    }

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) return false;
        Account = user;
        Roles = await (from ur in db.UserRoles
                       where ur.UserId == id
                       join r in db.Roles on ur.RoleId equals r.Id
                       select r.Name!).ToListAsync(ct);
        if (user.ServantId is { } sid
            && await db.Servants.AsNoTracking().Where(s => s.Id == sid)
                .Select(s => new { Name = s.FirstNames + " " + s.LastNames, s.DocumentNumber, s.RetirementDate }).FirstOrDefaultAsync(ct) is { } servant)
        {
            ServantName = servant.Name.Trim();
            ServantDocument = servant.DocumentNumber;
            RetirementDate = servant.RetirementDate;
        }
        HasPassword = user.PasswordHash is not null;
        TemporarilyLocked = user.Lock == AccountLock.None && user.LockoutEnd is { } end && end > clock.GetUtcNow();
        IsSelf = user.Id == me.UserId;
        InstitutionalSubject = await db.UserLogins.Where(l => l.UserId == id && l.LoginProvider == OidcOptions.Scheme)
            .Select(l => l.ProviderKey).FirstOrDefaultAsync(ct);
        return true;
    }
}
