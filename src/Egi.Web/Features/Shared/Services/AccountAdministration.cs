using Egi.Domain.Directory;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Shared;

/// <summary>
/// What Talento Humano does to accounts (grant and revoke roles, lock and unlock, resend the invitation) and what the
/// directory does to them (a retiro locks the account, reinstating unlocks it). Every change is audited; revoking a role
/// and locking renew the security stamp, so an open session ends at its next request (once the cookie's stamp is
/// checked again: <see cref="ServiceRegistration.SecurityStampInterval"/>). At least one active Talento Humano — an
/// account with the role, not locked, whose servant (if any) is not retired — always remains.
/// </summary>
public sealed class AccountAdministration(UserManager<AppUser> users, EgiDbContext db, CurrentUser me, TimeProvider clock, ServantAccounts invitations)
{
    public const string LastTalentoHumano =
        "Debe quedar al menos una cuenta activa con el rol Talento Humano: otorgue antes el rol a otra persona.";

    /// <summary>Locked by administration (Talento Humano or retiro): the sign-in is refused.</summary>
    public static bool IsLocked(AppUser user) => user.Lock != AccountLock.None;

    /// <summary>Grants <paramref name="role"/> (one of <see cref="EgiRoles.All"/>). Returns a Spanish refusal, or null when done.</summary>
    public async Task<string?> GrantAsync(AppUser user, string role, CancellationToken ct = default)
    {
        if (!EgiRoles.All.Contains(role)) return "Ese rol no existe. Los roles son Talento Humano, Planeación y Consulta.";
        if (await users.IsInRoleAsync(user, role)) return $"{user.DisplayName} ya tiene el rol {EgiRoles.Label(role)}.";
        db.Audit("Otorgar rol", "Cuenta", user.Id, $"Se otorgó el rol {EgiRoles.Label(role)} a {Who(user)}.",
            null, new { Rol = EgiRoles.Label(role) });
        var result = await users.AddToRoleAsync(user, role);
        return result.Succeeded ? null : string.Join(" ", result.Errors.Select(e => e.Description));
    }

    /// <summary>Revokes <paramref name="role"/> and renews the security stamp. Refused for the last active Talento Humano.</summary>
    public async Task<string?> RevokeAsync(AppUser user, string role, CancellationToken ct = default)
    {
        if (!EgiRoles.All.Contains(role)) return "Ese rol no existe. Los roles son Talento Humano, Planeación y Consulta.";
        await using var tx = await BeginGuardedAsync(role, ct);
        if (!await users.IsInRoleAsync(user, role)) return $"{user.DisplayName} no tiene el rol {EgiRoles.Label(role)}.";
        if (role == EgiRoles.TalentoHumano && await IsActiveAsync(user, ct) && !await OtherActiveTalentoHumanoAsync(user.Id, ct))
            return LastTalentoHumano;
        db.Audit("Revocar rol", "Cuenta", user.Id, $"Se revocó el rol {EgiRoles.Label(role)} a {Who(user)}; sus sesiones abiertas se cierran.",
            new { Rol = EgiRoles.Label(role) }, null);
        // RemoveFromRoleAsync saves the removal and the audit line; renewing the stamp ends the open sessions.
        var result = await users.RemoveFromRoleAsync(user, role);
        if (result.Succeeded) result = await users.UpdateSecurityStampAsync(user);
        if (!result.Succeeded) return string.Join(" ", result.Errors.Select(e => e.Description));
        if (tx is not null) await tx.CommitAsync(ct);
        return null;
    }

    /// <summary>
    /// Removes the link to the institutional account (its «sub», AspNetUserLogins): the next institutional sign-in whose
    /// claim names this account links it again — for a person whose account in the identity provider was replaced.
    /// </summary>
    public async Task<string?> UnlinkInstitutionalAsync(AppUser user, CancellationToken ct = default)
    {
        var logins = (await users.GetLoginsAsync(user)).Where(l => l.LoginProvider == OidcOptions.Scheme).ToList();
        if (logins.Count == 0) return $"La cuenta de {user.DisplayName} no está vinculada a ninguna cuenta institucional.";
        foreach (var login in logins)
        {
            var removed = await users.RemoveLoginAsync(user, login.LoginProvider, login.ProviderKey);
            if (!removed.Succeeded) return string.Join(" ", removed.Errors.Select(e => e.Description));
        }
        db.Audit("Desvincular cuenta institucional", "Cuenta", user.Id,
            $"Talento Humano desvinculó la cuenta institucional ({string.Join(", ", logins.Select(l => l.ProviderKey))}) de {Who(user)}.");
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Talento Humano locks the account: the sign-in is refused and open sessions end at their next request.</summary>
    public async Task<string?> LockAsync(AppUser user, CancellationToken ct = default)
    {
        if (IsLocked(user)) return $"La cuenta de {user.DisplayName} ya está bloqueada.";
        if (user.Id == me.UserId) return "No puede bloquear su propia cuenta.";
        await using var tx = await BeginGuardedAsync(EgiRoles.TalentoHumano, ct);
        if (await users.IsInRoleAsync(user, EgiRoles.TalentoHumano) && await IsActiveAsync(user, ct) && !await OtherActiveTalentoHumanoAsync(user.Id, ct))
            return LastTalentoHumano;
        db.Audit("Bloquear cuenta", "Cuenta", user.Id, $"Talento Humano bloqueó la cuenta de {Who(user)}; sus sesiones abiertas se cierran.");
        var error = await SetLockAsync(user, AccountLock.TalentoHumano);
        if (error is not null) return error;
        if (tx is not null) await tx.CommitAsync(ct);
        return null;
    }

    /// <summary>Talento Humano unlocks the account (and clears the failed sign-in count). A retired servant's account stays locked.</summary>
    public async Task<string?> UnlockAsync(AppUser user, CancellationToken ct = default)
    {
        var temporary = user.LockoutEnd is { } end && end > clock.GetUtcNow();
        if (!IsLocked(user) && !temporary) return $"La cuenta de {user.DisplayName} no está bloqueada.";
        if (user.Lock == AccountLock.Retirement)
            return $"La cuenta de {user.DisplayName} está bloqueada por su retiro: se desbloquea al reintegrarlo en el directorio.";
        db.Audit("Desbloquear cuenta", "Cuenta", user.Id, $"Talento Humano desbloqueó la cuenta de {Who(user)}.");
        return await SetLockAsync(user, AccountLock.None);
    }

    /// <summary>Sends the invitation (set your first password) again; only to an account that has no password yet.</summary>
    public async Task<string?> InviteAsync(AppUser user, CancellationToken ct = default)
    {
        if (await users.HasPasswordAsync(user))
            return $"{user.DisplayName} ya creó su contraseña: no necesita invitación (puede usar «Olvidé mi contraseña»).";
        if (IsLocked(user)) return $"La cuenta de {user.DisplayName} está bloqueada: desbloquéela antes de enviar la invitación.";
        if (string.IsNullOrWhiteSpace(user.Email)) return $"La cuenta de {user.DisplayName} no tiene correo.";
        await invitations.InviteAsync(user);
        return null;
    }

    /// <summary>The retiro took effect: the servant's account is locked and its sessions end. Saved with the caller's next save.</summary>
    public async Task LockForRetirementAsync(int servantId, DateOnly date, CancellationToken ct = default)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.ServantId == servantId, ct);
        if (user is null || user.Lock == AccountLock.Retirement) return;
        db.Audit("Bloquear cuenta", "Cuenta", user.Id, $"Cuenta de {Who(user)} bloqueada por el retiro del {date:dd/MM/yyyy}; sus sesiones abiertas se cierran.");
        Lock(user, AccountLock.Retirement);
    }

    /// <summary>The servant is no longer retired: the lock the retiro set is lifted (a lock by Talento Humano stays).</summary>
    public async Task UnlockAfterReinstatementAsync(int servantId, CancellationToken ct = default)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.ServantId == servantId, ct);
        if (user is null || user.Lock != AccountLock.Retirement) return;
        db.Audit("Desbloquear cuenta", "Cuenta", user.Id, $"Cuenta de {Who(user)} desbloqueada: el servidor ya no está retirado.");
        Lock(user, AccountLock.None);
    }

    /// <summary>
    /// Whether registering the retiro of <paramref name="servantId"/> would leave no active Talento Humano: their account has
    /// the role and no other active Talento Humano has no retiro registered. Returns the Spanish refusal, or null.
    /// </summary>
    public async Task<string?> RetirementRefusalAsync(int servantId, CancellationToken ct = default)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.ServantId == servantId, ct);
        if (user is null || user.Lock != AccountLock.None || !await InRoleAsync(user.Id, EgiRoles.TalentoHumano, ct)) return null;
        var roleId = await RoleIdAsync(EgiRoles.TalentoHumano, ct);
        var others = await (
            from ur in db.UserRoles
            where ur.RoleId == roleId && ur.UserId != user.Id
            join u in db.Users on ur.UserId equals u.Id
            where u.Lock == AccountLock.None
                && (u.ServantId == null || !db.Servants.Any(s => s.Id == u.ServantId && s.RetirementDate != null))
            select u.Id).AnyAsync(ct);
        return others ? null
            : "No se puede registrar el retiro: esta persona tiene la última cuenta activa con el rol Talento Humano. Otorgue antes el rol a otra persona en «Cuentas y roles».";
    }

    /// <summary>
    /// Whether some account with the Talento Humano role is active in the sense of a retiro being registered: not locked,
    /// and no servant or a servant with no retiro. Read inside the caller's transaction (e.g. an import before commit).
    /// </summary>
    public static Task<bool> AnyActiveTalentoHumanoAsync(EgiDbContext db, CancellationToken ct) => (
        from r in db.Roles
        where r.Name == EgiRoles.TalentoHumano
        join ur in db.UserRoles on r.Id equals ur.RoleId
        join u in db.Users on ur.UserId equals u.Id
        where u.Lock == AccountLock.None
            && (u.ServantId == null || !db.Servants.Any(s => s.Id == u.ServantId && s.RetirementDate != null))
        select u.Id).AnyAsync(ct);

    private void Lock(AppUser user, AccountLock kind)
    {
        user.Lock = kind;
        user.LockoutEnabled = true;
        user.LockoutEnd = kind == AccountLock.None ? null : DateTimeOffset.MaxValue;
        if (kind == AccountLock.None) user.AccessFailedCount = 0;
        else user.SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant();
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
    }

    private async Task<string?> SetLockAsync(AppUser user, AccountLock kind)
    {
        Lock(user, kind);
        var result = await users.UpdateAsync(user);
        return result.Succeeded ? null : string.Join(" ", result.Errors.Select(e => e.Description));
    }

    /// <summary>Active: not locked by administration, and its servant (if any) not retired today.</summary>
    private async Task<bool> IsActiveAsync(AppUser user, CancellationToken ct)
    {
        if (user.Lock != AccountLock.None) return false;
        if (user.ServantId is not { } sid) return true;
        var today = me.Today;
        return !await db.Servants.Where(s => s.Id == sid).AnyAsync(Servant.RetiredOn(today), ct);
    }

    private async Task<bool> OtherActiveTalentoHumanoAsync(string userId, CancellationToken ct)
    {
        var today = me.Today;
        var retired = Servant.RetiredOn(today);
        var roleId = await RoleIdAsync(EgiRoles.TalentoHumano, ct);
        return await (
            from ur in db.UserRoles
            where ur.RoleId == roleId && ur.UserId != userId
            join u in db.Users on ur.UserId equals u.Id
            where u.Lock == AccountLock.None
                && (u.ServantId == null || !db.Servants.Where(s => s.Id == u.ServantId).Any(retired))
            select u.Id).AnyAsync(ct);
    }

    private Task<string> RoleIdAsync(string role, CancellationToken ct) =>
        db.Roles.Where(r => r.Name == role).Select(r => r.Id).FirstAsync(ct);

    private async Task<bool> InRoleAsync(string userId, string role, CancellationToken ct)
    {
        var roleId = await RoleIdAsync(role, ct);
        return await db.UserRoles.AnyAsync(ur => ur.UserId == userId && ur.RoleId == roleId, ct);
    }

    /// <summary>
    /// For a change that could remove the last active Talento Humano: a transaction in which, on PostgreSQL, the role's row
    /// is locked, so two Talento Humano revoking each other at the same moment are serialized (the second sees the
    /// first's change). SQLite serializes writers itself. Null when the caller is already in a transaction.
    /// </summary>
    private async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction?> BeginGuardedAsync(string role, CancellationToken ct)
    {
        if (role != EgiRoles.TalentoHumano || db.Database.CurrentTransaction is not null) return null;
        var tx = await db.Database.BeginTransactionAsync(ct);
        if (db is PostgresEgiDbContext)
            await db.Database.ExecuteSqlRawAsync("SELECT 1 FROM \"AspNetRoles\" WHERE \"Name\" = {0} FOR UPDATE", [role], ct);
        return tx;
    }

    private static string Who(AppUser user) => $"{user.DisplayName} ({user.Email})";
}
