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
    /// are evaluated this year (<see cref="Servant.EligibilityOn"/>) and their unread notices — and the open periods
    /// (<see cref="OpenPeriodsAsync"/>), in one SQL command (three before, and the open periods a fourth on the pages of
    /// the last day of a window: a round trip each on PostgreSQL). Read once per request: a page that asks for the open
    /// periods reads the menu with them, and the layout reuses it.
    /// </summary>
    public async Task<MenuFacts> MenuAsync(CancellationToken ct = default)
    {
        if (menu is not null) return menu;
        var today = Today;
        var userId = UserId;
        if (ServantId is { } id && await MenuQuery.For(db)(db, id, userId, today).ToListAsync(ct) is [var row, ..] rows)
            return menu = new(row.IsBoss, Eligibility.Of(row.EmploymentType, row.IsPublicManager, row.RetirementDate, today), row.Unread, OpenPeriodsOf(rows));
        if (userId is not null && await AccountMenuQuery.For(db)(db, userId).ToListAsync(ct) is [var account, ..] accountRows)
            return menu = new(false, null, account.Unread, OpenPeriodsOf(accountRows));
        return menu = MenuFacts.None;
    }

    /// <summary>
    /// The open periods, newest first (what «Mis pendientes», «Mi evaluación» and «Por aprobar» start from), read with the
    /// menu's command. Only for signed-in pages: the menu's command starts from the person's account.
    /// </summary>
    public async Task<IReadOnlyList<OpenPeriod>> OpenPeriodsAsync(CancellationToken ct = default)
    {
        if (!IsAuthenticated) throw new InvalidOperationException("The open periods are read with the menu of a signed-in person.");
        return (await MenuAsync(ct)).OpenPeriods;
    }

    /// <summary>The menu's row once per open period (once with no period when none is open).</summary>
    private sealed record MenuRow(EmploymentType EmploymentType, bool IsPublicManager, DateOnly? RetirementDate, bool IsBoss, int Unread,
        int? PeriodId, string? PeriodName, int? PeriodYear) : IOpenPeriodRow;

    private sealed record AccountMenuRow(int Unread, int? PeriodId, string? PeriodName, int? PeriodYear) : IOpenPeriodRow;

    private interface IOpenPeriodRow
    {
        int? PeriodId { get; }
        string? PeriodName { get; }
        int? PeriodYear { get; }
    }

    private static List<OpenPeriod> OpenPeriodsOf(IEnumerable<IOpenPeriodRow> rows) =>
        rows.Where(r => r.PeriodId is not null)
            .Select(r => new OpenPeriod(r.PeriodId!.Value, r.PeriodName!, r.PeriodYear!.Value))
            .OrderByDescending(p => p.Year).ThenByDescending(p => p.Id)
            .ToList();

    /// <summary>
    /// The menu's one command, compiled once (it runs on every page: <see cref="CompiledQueries"/>): the person's row
    /// joined to the open periods (a handful of rows; a left join, so the menu is read when none is open).
    /// </summary>
    private static readonly PerModel<Func<EgiDbContext, int, string?, DateOnly, IAsyncEnumerable<MenuRow>>> MenuQuery =
        CompiledQueries.List((EgiDbContext db, int id, string? userId, DateOnly today) =>
            from s in db.Servants
            where s.Id == id
            from p in db.Periods.Where(p => p.Status == PeriodStatus.Open).DefaultIfEmpty()
            select new MenuRow(s.EmploymentType, s.IsPublicManager, s.RetirementDate,
                db.Servants.Where(b => b.BossId == id).Any(Servant.ActiveOn(today)),
                userId == null ? 0 : db.InboxNotifications.Count(n => n.UserId == userId && n.ReadAt == null),
                p == null ? null : p.Id, p == null ? null : p.Name, p == null ? null : p.Year));

    /// <summary>The same for an account that is nobody in the directory (Control Interno's Consulta, an administrator).</summary>
    private static readonly PerModel<Func<EgiDbContext, string, IAsyncEnumerable<AccountMenuRow>>> AccountMenuQuery =
        CompiledQueries.List((EgiDbContext db, string userId) =>
            from u in db.Users
            where u.Id == userId
            from p in db.Periods.Where(p => p.Status == PeriodStatus.Open).DefaultIfEmpty()
            select new AccountMenuRow(db.InboxNotifications.Count(n => n.UserId == userId && n.ReadAt == null),
                p == null ? null : p.Id, p == null ? null : p.Name, p == null ? null : p.Year));

    private MenuFacts? menu;
}

/// <summary>An open period as the pages that start from the open periods show it.</summary>
public sealed record OpenPeriod(int Id, string Name, int Year);

/// <summary>
/// The signed-in person's menu: jefe, evaluado this year (their <see cref="Eligibility"/> today; none for an account that
/// is nobody in the directory), unread notices; and the open periods, newest first.
/// </summary>
public sealed record MenuFacts(bool IsBoss, Eligibility? Eligibility, int Unread, IReadOnlyList<OpenPeriod> OpenPeriods)
{
    public static MenuFacts None { get; } = new(false, null, 0, []);

    public bool IsEvaluado => Eligibility?.IsEligible == true;
}
