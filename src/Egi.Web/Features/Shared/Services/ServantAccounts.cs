using Egi.Domain.Directory;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Egi.Web.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Shared;

/// <summary>
/// Keeps every servant's local account linked to the directory by institutional e-mail.
/// A new account has no password: it gets an invitation e-mail with a one-time link to set one.
/// </summary>
public sealed class ServantAccounts(UserManager<AppUser> users, EgiDbContext db, Notifier notifier, EmailTemplates templates)
{
    /// <summary>Creates the servant's account (and queues its invitation), or relinks / renames the existing one. Returns Spanish errors, if any.</summary>
    public async Task<IReadOnlyList<string>> EnsureAsync(Servant servant)
    {
        var user = users.Users.FirstOrDefault(u => u.ServantId == servant.Id)
            ?? await users.FindByEmailAsync(servant.Email);
        IdentityResult result;
        if (user is null)
        {
            user = new AppUser
            {
                UserName = servant.Email,
                Email = servant.Email,
                EmailConfirmed = true,
                DisplayName = servant.FullName,
                ServantId = servant.Id,
            };
            result = await users.CreateAsync(user);
            if (result.Succeeded) await InviteAsync(user);
        }
        else
        {
            if (user.ServantId is { } other && other != servant.Id)
                return [$"El correo {servant.Email} ya pertenece a la cuenta de otro servidor."];
            user.ServantId = servant.Id;
            user.DisplayName = servant.FullName;
            var oldEmail = user.Email;
            if (!string.Equals(user.Email, servant.Email, StringComparison.OrdinalIgnoreCase))
            {
                user.Email = servant.Email;
                user.UserName = servant.Email;
                // Open sessions end at their next request, and the old address is told (saved by the update below).
                await QueueEmailChangedNoticeAsync(user, oldEmail);
                result = await users.UpdateSecurityStampAsync(user);
            }
            else result = await users.UpdateAsync(user);
        }
        return result.Succeeded ? [] : result.Errors.Select(e => e.Description).ToList();
    }

    /// <summary>
    /// <see cref="EnsureAsync"/> for many servants at once (the import): the existing accounts are read in one query,
    /// the new ones are written as <see cref="UserManager{TUser}.CreateAsync(TUser)"/> would write them (normalized
    /// names, fresh stamps, no password) and invited, <paramref name="batchSize"/> per save. Nothing is written when any
    /// servant is refused: the errors come back as "Fila N (nombre): error", in the order of <paramref name="servants"/>.
    /// Runs inside the caller's transaction; the change tracker is cleared after every batch.
    /// </summary>
    public async Task<IReadOnlyList<string>> EnsureManyAsync(IReadOnlyList<(int Row, Servant Servant)> servants, Action<int>? done = null,
        int batchSize = 1000, CancellationToken ct = default)
    {
        var normalizer = users.KeyNormalizer;
        var options = users.Options.User;
        var describer = users.ErrorDescriber;
        var all = await db.Users.AsNoTracking().ToListAsync(ct);
        var byServant = new Dictionary<int, AppUser>();
        var byEmail = new Dictionary<string, AppUser>(StringComparer.Ordinal);
        var byName = new Dictionary<string, AppUser>(StringComparer.Ordinal);
        foreach (var u in all)
        {
            if (u.ServantId is { } sid) byServant.TryAdd(sid, u);
            if (u.NormalizedEmail is { } e) byEmail.TryAdd(e, u);
            if (u.NormalizedUserName is { } n) byName.TryAdd(n, u);
        }

        var errors = new List<string>();
        var work = new List<(AppUser User, AccountChange? Change)>(servants.Count);
        foreach (var (row, servant) in servants)
        {
            var email = servant.Email;
            var normalizedEmail = normalizer.NormalizeEmail(email);
            var normalizedName = normalizer.NormalizeName(email);
            var user = byServant.GetValueOrDefault(servant.Id) ?? byEmail.GetValueOrDefault(normalizedEmail);
            var problems = new List<string>();
            if (user is not null && user.ServantId is { } other && other != servant.Id)
            {
                errors.Add($"Fila {row} ({servant.FullName}): El correo {email} ya pertenece a la cuenta de otro servidor.");
                continue;
            }
            // The checks of Identity's UserValidator, against the accounts read above instead of one query each.
            if (string.IsNullOrWhiteSpace(email) || (!string.IsNullOrEmpty(options.AllowedUserNameCharacters) && email.Any(c => !options.AllowedUserNameCharacters.Contains(c))))
                problems.Add(describer.InvalidUserName(email).Description);
            else if (byName.TryGetValue(normalizedName, out var sameName) && sameName.Id != user?.Id)
                problems.Add(describer.DuplicateUserName(email).Description);
            if (string.IsNullOrWhiteSpace(email) || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email))
                problems.Add(describer.InvalidEmail(email).Description);
            else if (byEmail.TryGetValue(normalizedEmail, out var sameEmail) && sameEmail.Id != user?.Id)
                problems.Add(describer.DuplicateEmail(email).Description);
            if (problems.Count > 0)
            {
                errors.AddRange(problems.Select(p => $"Fila {row} ({servant.FullName}): {p}"));
                continue;
            }

            if (user is null)
            {
                user = new AppUser
                {
                    UserName = email,
                    Email = email,
                    EmailConfirmed = true,
                    DisplayName = servant.FullName,
                    ServantId = servant.Id,
                    SecurityStamp = NewSecurityStamp(),
                    LockoutEnabled = true, // as UserManager.CreateAsync with Lockout.AllowedForNewUsers
                    NormalizedUserName = normalizedName,
                    NormalizedEmail = normalizedEmail,
                };
                work.Add((user, null));
            }
            else
            {
                // As EnsureAsync: relink and rename; the e-mail (and user name) only when it really changed.
                var newEmail = string.Equals(user.Email, email, StringComparison.OrdinalIgnoreCase) ? user.Email : email;
                var newName = newEmail == user.Email ? user.UserName : email;
                var change = new AccountChange(servant.Id, servant.FullName, newEmail, newName,
                    normalizer.NormalizeEmail(newEmail), normalizer.NormalizeName(newName));
                if (user.NormalizedEmail is { } oldEmail && byEmail.GetValueOrDefault(oldEmail) == user) byEmail.Remove(oldEmail);
                if (user.NormalizedUserName is { } oldName && byName.GetValueOrDefault(oldName) == user) byName.Remove(oldName);
                work.Add((user, change));
            }
            byServant[servant.Id] = user;
            byEmail[normalizedEmail] = user;
            byName[normalizedName] = user;
        }
        if (errors.Count > 0) return errors;

        var written = 0;
        // Relinks and renames first: an address one of them gives up may be the address of a new account below.
        foreach (var batch in work.Where(w => w.Change is not null).Chunk(batchSize))
        {
            foreach (var (user, planned) in batch)
            {
                var change = planned!;
                db.Users.Attach(user);
                if (!string.Equals(user.Email, change.Email, StringComparison.Ordinal))
                {
                    // As EnsureAsync: a new e-mail renews the security stamp and the old address is told.
                    var oldEmail = user.Email;
                    user.DisplayName = change.DisplayName;
                    user.Email = change.Email;
                    await QueueEmailChangedNoticeAsync(user, oldEmail);
                    user.SecurityStamp = NewSecurityStamp();
                }
                user.ServantId = change.ServantId;
                user.DisplayName = change.DisplayName;
                user.Email = change.Email;
                user.UserName = change.UserName;
                user.NormalizedEmail = change.NormalizedEmail;
                user.NormalizedUserName = change.NormalizedUserName;
                user.ConcurrencyStamp = Guid.NewGuid().ToString(); // as UserStore.UpdateAsync
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            written += batch.Length;
            done?.Invoke(written);
        }
        // New accounts and their invitations are only additions: written in multi-row INSERTs, a batch at a time.
        foreach (var batch in work.Where(w => w.Change is null).Select(w => w.User).Chunk(batchSize))
        {
            foreach (var user in batch)
            {
                db.Users.Add(user);
                await QueueInvitationAsync(user);
            }
            await db.SaveAdditionsAsync(ct);
            written += batch.Length;
            done?.Invoke(written);
        }
        return [];
    }

    private sealed record AccountChange(int ServantId, string DisplayName, string? Email, string? UserName, string? NormalizedEmail, string? NormalizedUserName);

    /// <summary>A security stamp as <see cref="UserManager{TUser}"/> makes them: 20 random bytes in base 32.</summary>
    private static string NewSecurityStamp()
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        Span<byte> bytes = stackalloc byte[20];
        System.Security.Cryptography.RandomNumberGenerator.Fill(bytes);
        var sb = new System.Text.StringBuilder(32);
        for (var offset = 0; offset < bytes.Length; offset += 5)
        {
            ulong chunk = 0;
            for (var i = 0; i < 5; i++) chunk = (chunk << 8) | bytes[offset + i];
            for (var i = 7; i >= 0; i--) sb.Append(alphabet[(int)((chunk >> (i * 5)) & 31)]);
        }
        return sb.ToString();
    }

    /// <summary>
    /// Queues (and saves) an invitation with a fresh one-time link. Sending it again makes the previous links
    /// useless only once the password is set (the token is tied to the account's security stamp).
    /// </summary>
    public async Task InviteAsync(AppUser user)
    {
        await QueueInvitationAsync(user);
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Tells the account's previous address that its e-mail changed in the directory (e-mail only: the inbox belongs to
    /// the account, whose new address gets nothing to act on). Left for the caller's save.
    /// </summary>
    private async Task QueueEmailChangedNoticeAsync(AppUser user, string? oldEmail)
    {
        if (string.IsNullOrWhiteSpace(oldEmail)) return;
        await notifier.QueueAsync(new Recipient(oldEmail, user.DisplayName, null),
            templates.EmailChanged(user.DisplayName, oldEmail, user.Email, templates.Url("/Account/Login")), MailKind.EmailChanged, inbox: false);
        db.Audit("Cambiar correo", "Cuenta", user.Id, $"El correo de la cuenta de {user.DisplayName} cambió de {oldEmail} a {user.Email}; se avisó a la dirección anterior.",
            new { Email = oldEmail }, new { user.Email });
    }

    /// <summary>The invitation of <see cref="InviteAsync"/>, left for the caller's save. The account needs its Id and security stamp (it may be unsaved).</summary>
    private async Task QueueInvitationAsync(AppUser user)
    {
        var token = await users.GenerateUserTokenAsync(user, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose);
        var link = templates.Url($"/Account/SetPassword?userId={Uri.EscapeDataString(user.Id)}&code={Uri.EscapeDataString(token)}");
        var email = templates.Invitation(user.DisplayName, link, InvitationTokenProviderOptions.Days);
        await notifier.QueueAsync(Recipient.Of(user), email, MailKind.Invitation, inbox: false);
        db.Audit("Invitar", "Cuenta", user.Id, $"Invitación enviada a {user.Email}");
    }
}
