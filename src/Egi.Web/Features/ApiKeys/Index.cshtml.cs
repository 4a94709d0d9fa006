using System.ComponentModel.DataAnnotations;
using Egi.Domain.Calendar;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Egi.Web.Infrastructure.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.ApiKeys;

/// <summary>
/// Talento Humano's keys for integrations: create one (name, scopes, expiry; its secret is shown once), see them with
/// their state and last use, revoke one. Creation and revocation are audited.
/// </summary>
[Authorize(Policy = Policies.TalentoHumano)]
public sealed class IndexModel(EgiDbContext db, CurrentUser me, TimeProvider clock) : PageModel
{
    /// <summary>Longest validity a key may be given.</summary>
    public const int MaxDays = 730;

    public sealed class KeyInput
    {
        [Display(Name = "Nombre")]
        public string? Name { get; set; }

        [Display(Name = "Permisos")]
        public List<string> Scopes { get; set; } = [];

        [Display(Name = "Vence el")]
        public DateOnly? ExpiresOn { get; set; }
    }

    [BindProperty]
    public KeyInput Input { get; set; } = new();

    public IReadOnlyList<ApiKey> Keys { get; private set; } = [];

    /// <summary>The key just created, shown this once.</summary>
    public string? NewKey { get; private set; }
    public string? NewKeyName { get; private set; }

    public DateTime Now => clock.GetUtcNow().UtcDateTime;
    public DateOnly Today => me.Today;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input.ExpiresOn = me.Today.AddYears(1);
        Input.Scopes = [ApiScopes.DirectoryRead];
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var name = Input.Name?.Trim() ?? "";
        if (name.Length == 0) ModelState.AddModelError("Input.Name", ApiKeyMessages.NameMissing);
        else if (name.Length > ApiKey.NameMax) ModelState.AddModelError("Input.Name", ApiKeyMessages.NameTooLong(ApiKey.NameMax));
        else if (await db.ApiKeys.AnyAsync(k => k.Name == name && k.RevokedAt == null, ct))
            ModelState.AddModelError("Input.Name", ApiKeyMessages.NameTaken(name));
        var scopes = Input.Scopes.Where(ApiScopes.All.Contains).Distinct().ToList();
        if (scopes.Count == 0 || scopes.Count != Input.Scopes.Distinct().Count())
            ModelState.AddModelError("Input.Scopes", ApiKeyMessages.ScopesMissing);
        var today = me.Today;
        if (Input.ExpiresOn is not { } expires)
            ModelState.AddModelError("Input.ExpiresOn", ApiKeyMessages.ExpiryMissing);
        else if (expires <= today || expires > today.AddDays(MaxDays))
            ModelState.AddModelError("Input.ExpiresOn", ApiKeyMessages.ExpiryOutOfRange(today.AddDays(MaxDays)));
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        // The key is valid until the end of its last day in Bogotá (UTC−5).
        var expiresAt = Input.ExpiresOn!.Value.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(5);
        var (key, secret) = ApiKey.Create(name, scopes, expiresAt, me.DisplayName, clock.GetUtcNow().UtcDateTime);
        db.ApiKeys.Add(key);
        db.Audit("Crear", "Clave de API", key.Prefix, $"Clave «{key.Name}» ({key.Scopes}), vence el {Input.ExpiresOn:dd/MM/yyyy}");
        await db.SaveChangesAsync(ct);
        NewKey = secret;
        NewKeyName = key.Name;
        Input = new KeyInput { ExpiresOn = today.AddYears(1), Scopes = [ApiScopes.DirectoryRead] };
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken ct)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct);
        if (key is null) return NotFound();
        if (key.RevokedAt is null)
        {
            key.RevokedAt = clock.GetUtcNow().UtcDateTime;
            key.RevokedBy = me.DisplayName;
            db.Audit("Revocar", "Clave de API", key.Prefix, $"Clave «{key.Name}» revocada");
            await db.SaveChangesAsync(ct);
        }
        TempData["Mensaje"] = ApiKeyMessages.Revoked(key.Name);
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Keys = await db.ApiKeys.AsNoTracking().OrderBy(k => k.RevokedAt != null).ThenBy(k => k.Name).ToListAsync(ct);

    public string StateOf(ApiKey k) => k.RevokedAt is not null ? "Revocada" : k.ExpiresAt <= Now ? "Vencida" : "Activa";

    public static string Day(DateTime utc) => DateText.Day(utc);

    /// <summary>Last day of validity as Bogotá reads it (the key lapses at the end of it).</summary>
    public static string LastDay(DateTime expiresAt) => Day(expiresAt.AddSeconds(-1));
}
