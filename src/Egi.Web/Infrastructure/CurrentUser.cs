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
        if (ServantId is { } id) servant = await ServantById.For(db)(db, id, ct);
        return servant;
    }

    private static readonly PerModel<Func<EgiDbContext, int, CancellationToken, Task<Servant?>>> ServantById =
        CompiledQueries.Single((EgiDbContext db, int id, CancellationToken ct) => db.Servants.AsNoTracking().FirstOrDefault(s => s.Id == id));

    public string? UserId => Principal.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>
    /// What the menu of every page needs — whether the person is a jefe (someone active reports to them), whether they
    /// are evaluated this year (<see cref="Servant.EligibilityOn"/>) and their unread notices — in one SQL command
    /// (three before: a round trip each on PostgreSQL, on every page). Read once per request.
    /// </summary>
    public async Task<MenuFacts> MenuAsync(CancellationToken ct = default)
    {
        if (menu is not null) return menu;
        var today = Today;
        var userId = UserId;
        if (ServantId is { } id && await MenuQuery.For(db)(db, id, userId, today, ct) is { } row)
            return menu = new(row.IsBoss, Eligibility.Of(row.EmploymentType, row.IsPublicManager, row.RetirementDate, today).IsEligible, row.Unread);
        var unread = userId is null ? 0 : await db.InboxNotifications.CountAsync(n => n.UserId == userId && n.ReadAt == null, ct);
        return menu = new(false, false, unread);
    }

    private sealed record MenuRow(EmploymentType EmploymentType, bool IsPublicManager, DateOnly? RetirementDate, bool IsBoss, int Unread);

    /// <summary>The menu's one command, compiled once (it runs on every page: <see cref="CompiledQueries"/>).</summary>
    private static readonly PerModel<Func<EgiDbContext, int, string?, DateOnly, CancellationToken, Task<MenuRow?>>> MenuQuery =
        CompiledQueries.Single((EgiDbContext db, int id, string? userId, DateOnly today, CancellationToken ct) => db.Servants
            .Where(s => s.Id == id)
            .Select(s => new MenuRow(s.EmploymentType, s.IsPublicManager, s.RetirementDate,
                db.Servants.Where(b => b.BossId == id).Any(Servant.ActiveOn(today)),
                userId == null ? 0 : db.InboxNotifications.Count(n => n.UserId == userId && n.ReadAt == null)))
            .FirstOrDefault());

    private MenuFacts? menu;
}

/// <summary>The signed-in person's menu: jefe, evaluado this year, unread notices.</summary>
public sealed record MenuFacts(bool IsBoss, bool IsEvaluado, int Unread)
{
    public static MenuFacts None { get; } = new(false, false, 0);
}
