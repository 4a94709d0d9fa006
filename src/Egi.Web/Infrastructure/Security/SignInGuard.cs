using Egi.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Egi.Web.Infrastructure.Security;

/// <summary>
/// Makes an e-mail without an account indistinguishable from one with an account at sign-in: the same password-hash
/// work for every attempt (also when the account is locked or has no password yet), and the same lockout after the
/// same number of failures for the same time (Identity's <see cref="LockoutOptions"/>), kept for unknown e-mails in
/// this instance's memory (at most <see cref="MaxTracked"/> e-mails, least recently used dropped first).
/// </summary>
public sealed class SignInGuard(IOptions<IdentityOptions> identity, TimeProvider clock) : IDisposable
{
    public const int MaxTracked = 100_000;

    private readonly MemoryCache unknown = new(new MemoryCacheOptions { SizeLimit = MaxTracked });
    private string? dummyHash;

    private sealed class Failures
    {
        public int Count;
        public DateTimeOffset LockedUntil;
    }

    /// <summary>Verifies <paramref name="password"/> against a throw-away hash: the cost of a real check, no answer.</summary>
    public void SpendPasswordCheck(IPasswordHasher<AppUser> hasher, string password)
    {
        var user = new AppUser();
        dummyHash ??= hasher.HashPassword(user, Guid.NewGuid().ToString("N"));
        hasher.VerifyHashedPassword(user, dummyHash, password);
    }

    /// <summary>Records a failed sign-in for an e-mail without an account; true when it is (now) locked out, as a known
    /// account would be: the failure that reaches the maximum locks it, attempts while locked are not counted.</summary>
    public bool FailUnknown(string email)
    {
        var lockout = identity.Value.Lockout;
        var key = email.Trim().ToUpperInvariant();
        var failures = unknown.GetOrCreate(key, e =>
        {
            e.Size = 1;
            return new Failures();
        })!;
        var now = clock.GetUtcNow();
        lock (failures)
        {
            if (failures.LockedUntil > now) return true;
            failures.Count++;
            if (failures.Count < lockout.MaxFailedAccessAttempts) return false;
            failures.Count = 0;
            failures.LockedUntil = now + lockout.DefaultLockoutTimeSpan;
            return true;
        }
    }

    public void Dispose() => unknown.Dispose();
}
