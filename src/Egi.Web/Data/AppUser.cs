using Microsoft.AspNetCore.Identity;

namespace Egi.Web.Data;

/// <summary>A local account. Servants' accounts are linked to the directory by their institutional e-mail.</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>The servant of the directory this account belongs to (null for pure role accounts).</summary>
    public int? ServantId { get; set; }
}
