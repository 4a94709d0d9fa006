using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Egi.Web.Infrastructure.Import;

/// <summary>
/// What every import screen (servants, plan items, EDL results) shares between the preview and the confirmation: the
/// uploaded file, the token of the copy kept in the data folder (<see cref="PendingImports"/>), the fingerprint of the
/// previewed plan, and the refusal when the kept copy no longer exists.
/// </summary>
public abstract class SheetImportPageModel(IConfiguration config, IHostEnvironment env) : PageModel
{
    public const string ExpiredMessage =
        "La importación que intenta confirmar no existe o ya venció (se conserva 24 horas). Cargue el archivo de nuevo. No se guardó ningún cambio.";

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public string? Token { get; set; }

    [BindProperty]
    public string? Fingerprint { get; set; }

    public string? FileName { get; protected set; }

    /// <summary>The data changed between the preview and the confirmation: the new preview is shown instead.</summary>
    public bool PlanChanged { get; protected set; }

    protected IConfiguration Config { get; } = config;

    protected PendingImports Pending => new(ServiceRegistration.ResolveDataFolder(Config, env));

    /// <summary>The kept file of <see cref="Token"/>, or null with the Spanish refusal added.</summary>
    protected async Task<PendingImports.Pending?> LoadPendingAsync(CancellationToken ct)
    {
        var pending = await Pending.LoadAsync(Token, ct);
        if (pending is null)
        {
            Token = null;
            ModelState.AddModelError(string.Empty, ExpiredMessage);
            return null;
        }
        return pending;
    }

    /// <summary>Forgets the kept file: the plan it gave is not valid any more.</summary>
    protected void DiscardPending()
    {
        Pending.Delete(Token);
        Token = null;
    }
}
