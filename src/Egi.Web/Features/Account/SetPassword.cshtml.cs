using Egi.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace Egi.Web.Features.Account;

/// <summary>The invitation link: a new account sets its first password.</summary>
public sealed class SetPasswordModel(UserManager<AppUser> users, EgiDbContext db) : ResetPasswordModel(users, db)
{
    protected override bool IsInvitation => true;
}
