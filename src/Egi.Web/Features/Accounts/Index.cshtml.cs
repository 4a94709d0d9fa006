using System.Globalization;
using Egi.Domain.Directory;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Accounts;

/// <summary>
/// Every account with its roles, linked servant, last sign-in and lock (Talento Humano). Searched, filtered, counted
/// and paged in the database: an entity has thousands of accounts; only the page's rows and their roles are read.
/// </summary>
[Authorize(Policy = Policies.TalentoHumano)]
public sealed class IndexModel(EgiDbContext db, CurrentUser me, TimeProvider clock) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    /// <summary>A role code of <see cref="EgiRoles.All"/>, "ninguno" (no role) or empty.</summary>
    [BindProperty(SupportsGet = true, Name = "rol")]
    public string? RoleFilter { get; set; }

    /// <summary>"bloqueadas", "activas" or empty.</summary>
    [BindProperty(SupportsGet = true, Name = "estado")]
    public string? StatusFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "pagina")]
    public string? PageText { get; set; }

    public sealed record Row(string Id, string Name, string Email, int? ServantId, string? ServantName, string? Document,
        bool Retired, IReadOnlyList<string> Roles, DateTime? LastSignInAt, AccountLock Lock, bool TemporarilyLocked, bool HasPassword);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int PageCount { get; private set; } = 1;
    public bool HasFilters { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = me.Today;
        var now = clock.GetUtcNow();
        IQueryable<AppUser> users = db.Users.AsNoTracking();
        var role = EgiRoles.All.FirstOrDefault(r => string.Equals(r, RoleFilter?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (role is not null)
        {
            var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).FirstOrDefaultAsync(ct);
            users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId));
        }
        else if (RoleFilter?.Trim() == "ninguno") users = users.Where(u => !db.UserRoles.Any(ur => ur.UserId == u.Id));
        users = StatusFilter?.Trim() switch
        {
            "bloqueadas" => users.Where(u => u.Lock != AccountLock.None),
            "activas" => users.Where(u => u.Lock == AccountLock.None),
            _ => users,
        };
        if (!string.IsNullOrWhiteSpace(Query)) users = Matching(users, Query);
        HasFilters = !string.IsNullOrWhiteSpace(Query) || !string.IsNullOrWhiteSpace(RoleFilter) || !string.IsNullOrWhiteSpace(StatusFilter);

        Total = await users.CountAsync(ct);
        PageCount = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = int.TryParse(PageText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? Math.Clamp(p, 1, PageCount) : 1;
        var page = await (
            from u in users.OrderBy(u => u.DisplayName).ThenBy(u => u.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            join s in db.Servants on u.ServantId equals (int?)s.Id into servants
            from s in servants.DefaultIfEmpty()
            select new
            {
                u.Id,
                u.DisplayName,
                u.Email,
                u.ServantId,
                ServantName = s == null ? null : s.FirstNames + " " + s.LastNames,
                Document = s == null ? null : s.DocumentNumber,
                Retirement = s == null ? null : s.RetirementDate,
                u.LastSignInAt,
                u.Lock,
                u.LockoutEnd,
                HasPassword = u.PasswordHash != null,
            }).ToListAsync(ct);
        // DisplayName ordering ties broken by Id in SQL; the page keeps that order.
        var ids = page.Select(x => x.Id).ToList();
        var roles = (await (from ur in db.UserRoles
                            where ids.Contains(ur.UserId)
                            join r in db.Roles on ur.RoleId equals r.Id
                            select new { ur.UserId, r.Name }).ToListAsync(ct))
            .ToLookup(x => x.UserId, x => x.Name ?? "");
        Rows = page.Select(x => new Row(x.Id, x.DisplayName, x.Email ?? "", x.ServantId, x.ServantName?.Trim(), x.Document,
            x.Retirement is { } retired && retired <= today,
            EgiRoles.All.Where(role => roles[x.Id].Contains(role)).ToList(),
            x.LastSignInAt, x.Lock, x.Lock == AccountLock.None && x.LockoutEnd is { } end && end > now, x.HasPassword)).ToList();
    }

    /// <summary>Every word must appear in the account's name or e-mail, or in its servant's search text (document, names, empleo).</summary>
    private IQueryable<AppUser> Matching(IQueryable<AppUser> users, string query)
    {
        foreach (var word in DirectoryLabels.Normalize(query).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var lower = word;
            var upper = word.ToUpperInvariant();
            users = users.Where(u => u.DisplayName.ToLower().Contains(lower)
                || (u.NormalizedEmail != null && u.NormalizedEmail.Contains(upper))
                || db.Servants.Any(s => s.Id == u.ServantId && s.SearchText.Contains(lower)));
        }
        return users;
    }

    public static string When(DateTime? utc) =>
        utc is { } at ? DateText.When(at) : "Nunca";

    public static string LockLabel(AccountLock kind, bool temporary) => kind switch
    {
        AccountLock.TalentoHumano => "Bloqueada por Talento Humano",
        AccountLock.Retirement => "Bloqueada por retiro",
        _ => temporary ? "Bloqueo temporal (intentos fallidos)" : "Activa",
    };

    public string? LinkTo(int? page = null) => Url.Page("./Index", new
    {
        q = string.IsNullOrWhiteSpace(Query) ? null : Query.Trim(),
        rol = string.IsNullOrWhiteSpace(RoleFilter) ? null : RoleFilter.Trim(),
        estado = string.IsNullOrWhiteSpace(StatusFilter) ? null : StatusFilter.Trim(),
        pagina = page is null or 1 ? null : page,
    });
}
