using System.Security.Claims;

namespace Egi.Web.Infrastructure;

/// <summary>Who is acting, for the audit trail.</summary>
public interface IAuditActor
{
    string? UserId { get; }
    string UserName { get; }
    string Roles { get; }
    string? Ip { get; }
}

public sealed class SystemActor : IAuditActor
{
    public static SystemActor Instance { get; } = new();
    public string? UserId => null;
    public string UserName => "Sistema";
    public string Roles => "";
    public string? Ip => null;
}

/// <summary>The signed-in person of the current HTTP request (or "Sistema" outside a request).</summary>
public sealed class HttpAuditActor(IHttpContextAccessor accessor) : IAuditActor
{
    private ClaimsPrincipal? User => accessor.HttpContext?.User;
    private bool Authenticated => User?.Identity?.IsAuthenticated == true;

    public string? UserId => Authenticated ? User!.FindFirstValue(ClaimTypes.NameIdentifier) : null;
    public string UserName => Authenticated ? User!.Identity!.Name ?? "" : accessor.HttpContext is null ? "Sistema" : "Anónimo";
    public string Roles => Authenticated ? string.Join(", ", User!.FindAll(ClaimTypes.Role).Select(c => EgiRoles.Label(c.Value))) : "";
    public string? Ip => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
}
