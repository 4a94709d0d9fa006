using System.Globalization;
using System.Security.Claims;
using Egi.Domain.Calendar;
using Egi.Domain.Directory;
using Egi.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Infrastructure;

/// <summary>
/// The signed-in person as the product sees them: roles from Identity, and the Evaluado / Jefe
/// capacities from the directory (a person is a jefe when someone active reports to them).
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor accessor, EgiDbContext db, TimeProvider clock)
{
    private bool? isBoss;
    private Servant? servant;
    private bool servantLoaded;

    public ClaimsPrincipal Principal => accessor.HttpContext?.User ?? new ClaimsPrincipal();
    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;
    public string DisplayName => Principal.FindFirstValue(EgiClaimsPrincipalFactory.DisplayNameClaim) ?? Principal.Identity?.Name ?? "";

    public int? ServantId =>
        int.TryParse(Principal.FindFirstValue(EgiClaimsPrincipalFactory.ServantClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public bool IsTalentoHumano => Principal.IsInRole(EgiRoles.TalentoHumano);
    public bool IsPlaneacion => Principal.IsInRole(EgiRoles.Planeacion);
    public bool IsConsulta => Principal.IsInRole(EgiRoles.Consulta);
    public bool CanReadReports => IsTalentoHumano || IsConsulta;
    public bool CanReadProcess => IsTalentoHumano || IsPlaneacion || IsConsulta;

    /// <summary>Today in Bogotá (<see cref="BogotaTime"/>).</summary>
    public DateOnly Today => BogotaTime.Today(clock);

    public async Task<Servant?> ServantAsync(CancellationToken ct = default)
    {
        if (servantLoaded) return servant;
        servantLoaded = true;
        if (ServantId is { } id) servant = await db.Servants.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        return servant;
    }

    public async Task<bool> IsBossAsync(CancellationToken ct = default)
    {
        if (isBoss is { } known) return known;
        var today = Today;
        isBoss = ServantId is { } id
            && await db.Servants.AnyAsync(s => s.BossId == id && (s.RetirementDate == null || s.RetirementDate > today), ct);
        return isBoss.Value;
    }

    public string? UserId => Principal.FindFirstValue(ClaimTypes.NameIdentifier);

    public Task<int> UnreadNotificationsAsync(CancellationToken ct = default) =>
        UserId is { } id ? db.InboxNotifications.CountAsync(n => n.UserId == id && n.ReadAt == null, ct) : Task.FromResult(0);

    public async Task<bool> IsEvaluadoAsync(CancellationToken ct = default) =>
        await ServantAsync(ct) is { } s && s.EligibilityOn(Today).IsEligible;
}
