using System.Security.Claims;
using Egi.Web.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Infrastructure;

/// <summary>Records <see cref="AppUser.LastSignInAt"/> when a person signs in.</summary>
public static class LastSignIn
{
    /// <summary>
    /// The cookie handler's «signed in» event. A refresh of an open session (e.g. after a password change) is not a
    /// sign-in: the request was already authenticated as the same account. One UPDATE, outside the change tracker
    /// (the sign-in itself is audited by the sign-in page).
    /// </summary>
    public static async Task RecordAsync(CookieSignedInContext context)
    {
        var id = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null) return;
        var before = context.HttpContext.User;
        if (before.Identity?.IsAuthenticated == true && before.FindFirstValue(ClaimTypes.NameIdentifier) == id) return;
        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await services.GetRequiredService<EgiDbContext>().Users.Where(u => u.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSignInAt, now), context.HttpContext.RequestAborted);
    }
}
