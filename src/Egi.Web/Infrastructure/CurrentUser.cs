using System.Globalization;
using System.Security.Claims;
using Egi.Domain.Calendar;
using Egi.Domain.Common;
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
    /// are evaluated this year (<see cref="Servant.EligibilityOn"/>) and their unread notices — in one SQL command (three
    /// before: a round trip each on PostgreSQL, on every page). Read once per request.
    /// </summary>
    public Task<MenuFacts> MenuAsync(CancellationToken ct = default) => ReadMenuAsync(openPeriods: false, ct);

    /// <summary>
    /// A page's view data flag (true): the layout shows the menu without reading it (the error page of a server error,
    /// which may be the database's: reading the menu would fail again, and the person would get no page at all).
    /// </summary>
    public const string MenuWithoutDatabase = "MenuWithoutDatabase";

    /// <summary>
    /// The open periods, newest first (what «Mis pendientes», «Mi evaluación» and «Por aprobar» start from), read in the
    /// menu's command: the page asks first, and the layout reuses the menu it read (a command less on each of those
    /// pages; the other pages' menu does not read the periods). Only for signed-in pages: the menu starts from the
    /// person's account.
    /// </summary>
    public async Task<IReadOnlyList<OpenPeriod>> OpenPeriodsAsync(CancellationToken ct = default)
    {
        if (!IsAuthenticated) throw new InvalidOperationException("The open periods are read with the menu of a signed-in person.");
        return (await ReadMenuAsync(openPeriods: true, ct)).OpenPeriods!;
    }

    private async Task<MenuFacts> ReadMenuAsync(bool openPeriods, CancellationToken ct)
    {
        if (menu is not null && (!openPeriods || menu.OpenPeriods is not null)) return menu;
        var today = Today;
        var userId = UserId;
        if (ServantId is { } id)
        {
            if (!openPeriods && await MenuQuery.For(db)(db, id, userId, today, ct) is { } row)
                return menu = new(row.IsBoss, Eligibility.Of(row.EmploymentType, row.IsPublicManager, row.RetirementDate, today), row.Unread, null);
            if (openPeriods && await MenuWithPeriodsQuery.For(db)(db, id, userId, today).ToListAsync(ct) is [var first, ..] rows)
                return menu = new(first.IsBoss, Eligibility.Of(first.EmploymentType, first.IsPublicManager, first.RetirementDate, today), first.Unread,
                    OpenPeriodsOf(rows));
        }
        if (userId is null) return menu = MenuFacts.None;
        if (!openPeriods) return menu = new(false, null, await UnreadQuery.For(db)(db, userId, ct), null);
        var accountRows = await AccountMenuWithPeriodsQuery.For(db)(db, userId).ToListAsync(ct);
        return menu = accountRows is [var account, ..] ? new(false, null, account.Unread, OpenPeriodsOf(accountRows)) : MenuFacts.None;
    }

    private sealed record MenuRow(EmploymentType EmploymentType, bool IsPublicManager, DateOnly? RetirementDate, bool IsBoss, int Unread);

    /// <summary>The menu's row once per open period (once with no period when none is open).</summary>
    private sealed record MenuPeriodRow(EmploymentType EmploymentType, bool IsPublicManager, DateOnly? RetirementDate, bool IsBoss, int Unread,
        int? PeriodId, string? PeriodName, int? PeriodYear) : IOpenPeriodRow;

    private sealed record AccountPeriodRow(int Unread, int? PeriodId, string? PeriodName, int? PeriodYear) : IOpenPeriodRow;

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

    // The menu's commands, compiled once (they run on every page: CompiledQueries), from two fragments written once.

    private static readonly PerModel<Func<EgiDbContext, int, string?, DateOnly, CancellationToken, Task<MenuRow?>>> MenuQuery =
        CompiledQueries.Single((EgiDbContext db, int id, string? userId, DateOnly today, CancellationToken ct) => db.Servants
            .Where(s => s.Id == id)
            .Select(s => new MenuRow(s.EmploymentType, s.IsPublicManager, s.RetirementDate, IsBoss(db, id, today),
                userId == null ? 0 : Unread(db, userId)))
            .FirstOrDefault());

    /// <summary>The same joined to the open periods (a handful of rows; a left join, so the menu is read when none is open).</summary>
    private static readonly PerModel<Func<EgiDbContext, int, string?, DateOnly, IAsyncEnumerable<MenuPeriodRow>>> MenuWithPeriodsQuery =
        CompiledQueries.List((EgiDbContext db, int id, string? userId, DateOnly today) =>
            from s in db.Servants
            where s.Id == id
            from p in db.Periods.Where(p => p.Status == PeriodStatus.Open).DefaultIfEmpty()
            select new MenuPeriodRow(s.EmploymentType, s.IsPublicManager, s.RetirementDate, IsBoss(db, id, today), userId == null ? 0 : Unread(db, userId),
                p == null ? null : p.Id, p == null ? null : p.Name, p == null ? null : p.Year));

    /// <summary>An account that is nobody in the directory (Control Interno's Consulta, an administrator): its unread notices.</summary>
    private static readonly PerModel<Func<EgiDbContext, string, CancellationToken, Task<int>>> UnreadQuery =
        CompiledQueries.Single((EgiDbContext db, string userId, CancellationToken ct) => Unread(db, userId));

    private static readonly PerModel<Func<EgiDbContext, string, IAsyncEnumerable<AccountPeriodRow>>> AccountMenuWithPeriodsQuery =
        CompiledQueries.List((EgiDbContext db, string userId) =>
            from u in db.Users
            where u.Id == userId
            from p in db.Periods.Where(p => p.Status == PeriodStatus.Open).DefaultIfEmpty()
            select new AccountPeriodRow(Unread(db, userId), p == null ? null : p.Id, p == null ? null : p.Name, p == null ? null : p.Year));

    /// <summary>Whether someone active reports to the person (a query fragment, inlined by <see cref="CompiledQueries"/>).</summary>
    [ExpandsTo(nameof(IsBossExpression))]
    private static bool IsBoss(EgiDbContext db, int id, DateOnly today) => throw CompiledQueries.NotExpanded(nameof(IsBoss));

    private static System.Linq.Expressions.Expression<Func<EgiDbContext, int, DateOnly, bool>> IsBossExpression { get; } = (db, id, today) =>
        db.Servants.Where(b => b.BossId == id).Any(Servant.ActiveOn(today));

    /// <summary>The account's unread notices (a query fragment, inlined by <see cref="CompiledQueries"/>).</summary>
    [ExpandsTo(nameof(UnreadExpression))]
    private static int Unread(EgiDbContext db, string? userId) => throw CompiledQueries.NotExpanded(nameof(Unread));

    private static System.Linq.Expressions.Expression<Func<EgiDbContext, string?, int>> UnreadExpression { get; } = (db, userId) =>
        db.InboxNotifications.Count(n => n.UserId == userId && n.ReadAt == null);

    private MenuFacts? menu;
}

/// <summary>An open period as the pages that start from the open periods show it.</summary>
public sealed record OpenPeriod(int Id, string Name, int Year);

/// <summary>
/// The signed-in person's menu: jefe, evaluado this year (their <see cref="Eligibility"/> today; none for an account that
/// is nobody in the directory), unread notices; and the open periods, newest first, when the page asked for them
/// (<see cref="CurrentUser.OpenPeriodsAsync"/>; null when it did not).
/// </summary>
public sealed record MenuFacts(bool IsBoss, Eligibility? Eligibility, int Unread, IReadOnlyList<OpenPeriod>? OpenPeriods)
{
    public static MenuFacts None { get; } = new(false, null, 0, []);

    public bool IsEvaluado => Eligibility?.IsEligible == true;
}
