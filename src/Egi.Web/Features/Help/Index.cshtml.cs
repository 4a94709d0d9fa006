using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Egi.Web.Features.Help;

/// <summary>
/// «Ayuda»: the user manual (issue 15), one section per role, step by step through the activities of P-TH-10, with the
/// screenshots the browser journey takes (<see cref="ManualScreens"/>). Open to everybody, signed in or not: it holds
/// no data of the entity, and a person who cannot sign in needs it most. Printable (print.css).
/// </summary>
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
