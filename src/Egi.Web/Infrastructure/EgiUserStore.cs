using Egi.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Egi.Web.Infrastructure;

/// <summary>
/// Identity's EF Core store, with the account read by id as a compiled query. Every session's check against its account
/// (once a <see cref="ServiceRegistration.SecurityStampInterval"/> per session: for a person who reads a page more than a
/// minute after the last one, on nearly every page) starts there; Identity's store asks <c>FindAsync</c>, which builds
/// its key's predicate and looks the query up in EF Core's cache at every call (about a sixth of the check's time,
/// bench/profile.sh DUE=1). Same row, same tracking: an account already tracked by the request's context is the same
/// instance either way.
/// An administrative lock (<see cref="AppUser.Lock"/>: by Talento Humano or by a retiro) is the store's own answer to
/// «is this account locked out», whatever Identity's <c>LockoutEnd</c> holds: clearing that end (as a password reset
/// does for the temporary lock of failed sign-ins) never opens an account locked by administration.
/// </summary>
public sealed class EgiUserStore(EgiDbContext context, IdentityErrorDescriber? describer = null)
    : UserStore<AppUser, IdentityRole, EgiDbContext>(context, describer)
{
    public override Task<AppUser?> FindByIdAsync(string userId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        return ById.For(Context)(Context, userId, cancellationToken);
    }

    public override Task<DateTimeOffset?> GetLockoutEndDateAsync(AppUser user, CancellationToken cancellationToken = default) =>
        user.Lock == AccountLock.None ? base.GetLockoutEndDateAsync(user, cancellationToken) : Task.FromResult<DateTimeOffset?>(DateTimeOffset.MaxValue);

    private static readonly PerModel<Func<EgiDbContext, string, CancellationToken, Task<AppUser?>>> ById =
        CompiledQueries.Single((EgiDbContext db, string id, CancellationToken _) => db.Users.FirstOrDefault(u => u.Id == id));
}
