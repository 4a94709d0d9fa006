using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Egi.Web.Data;

/// <summary>A local account. Servants' accounts are linked to the directory by their institutional e-mail.</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>The servant of the directory this account belongs to (null for pure role accounts).</summary>
    public int? ServantId { get; set; }

    /// <summary>When the person last signed in (UTC), recorded at each sign-in; null if never.</summary>
    public DateTime? LastSignInAt { get; set; }

    /// <summary>
    /// An administrative lock (Identity's <c>LockoutEnd</c> is then set to the end of time, which is what refuses the
    /// sign-in): by Talento Humano, or by the servant's retiro (reinstating lifts it). The temporary lock after failed
    /// sign-ins is Identity's own and is not recorded here.
    /// </summary>
    public AccountLock Lock { get; set; }
}

/// <summary>Why an account is locked by administration. Stored as its number: keep the values.</summary>
public enum AccountLock
{
    None = 0,
    TalentoHumano = 1,
    Retirement = 2,
}

/// <summary>Accounts: one per servant at most.</summary>
internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> e)
    {
        e.Property(u => u.DisplayName).HasMaxLength(200);
        e.HasIndex(u => u.ServantId).IsUnique();
    }
}
