using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Egi.Web.Features.Evaluations;

/// <summary>
/// The planes de acción of a period's dependencias as the goal forms' lists offer them (<c>&lt;optgroup&gt;</c>s, each
/// marked with its dependencia), fetched by wwwroot/js/plan-items.js. Every signed-in person may read them: they are
/// the choices of every goal form. Asked for with the current stamp (<see cref="PlanChoicesStamp"/>), the browser
/// keeps the answer until a plan changes, when the forms name a new stamp; any other request is answered fresh and not kept.
/// </summary>
public sealed class PlanChoicesModel(EgiDbContext db) : PageModel
{
    public IReadOnlyList<(int? DependencyId, PlanItemGroup Group)> Plans { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int periodId, string? v, CancellationToken ct)
    {
        (Plans, var stamp) = await new PlanCatalog(db).ActionPlansAsync(periodId, ct);
        Response.Headers.CacheControl = stamp is not null && v == stamp ? "private, max-age=31536000, immutable" : "no-store";
        return Page();
    }
}
