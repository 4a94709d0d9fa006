using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Egi.Web.Features.Directory;

/// <summary>
/// The active servants matching a text, for the servant pickers (wwwroot/js/servant-picker.js): at most
/// <see cref="ServantChoices.SearchLimit"/>, as JSON (<c>{ results: [{ id, text }], more }</c>). Talento Humano's, like
/// every page of the directory (its folder's policy); personal data, so the answer is never kept by a cache.
/// </summary>
public sealed class ServantSearchModel(ServantChoices choices, CurrentUser me) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? q, string? excluir, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        int? exclude = int.TryParse(excluir, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var x) ? x : null;
        var (found, more) = await choices.SearchAsync(q is { Length: > 100 } ? q[..100] : q, exclude, me.Today, ct);
        return new JsonResult(new { results = found.Select(c => new { id = c.Id, text = c.Text }), more });
    }
}
