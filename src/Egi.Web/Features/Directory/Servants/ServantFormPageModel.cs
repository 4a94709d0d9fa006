using Egi.Domain.Common;
using Egi.Domain.Directory;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Directory.Servants;

/// <summary>What Create and Edit share: the form, its option lists, and validate → save → link the account.</summary>
public abstract class ServantFormPageModel(EgiDbContext db, CurrentUser me, ServantAccounts accounts, EvaluationOpening opening) : PageModel
{
    [BindProperty]
    public ServantForm Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> DependencyOptions { get; private set; } = [];
    public IReadOnlyList<SelectListItem> LevelOptions { get; } =
        Enum.GetValues<HierarchyLevel>().Select(l => new SelectListItem(l.Label(), l.ToString())).ToList();
    public IReadOnlyList<SelectListItem> EmploymentTypeOptions { get; } =
        Enum.GetValues<EmploymentType>().Select(t => new SelectListItem(t.Label(), t.ToString())).ToList();
    /// <summary>The boss picker's list: the boss chosen (the current one even if retired), what its search matched, the jefes of the dependencia.</summary>
    public IReadOnlyList<ServantOptionGroup> BossGroups { get; private set; } = [];

    /// <summary>The servant edited (null when creating): never their own boss.</summary>
    public int? ServantId { get; private set; }

    private IReadOnlyList<ServantChoice> bossFound = [];

    /// <summary>Set when the current boss has retired: shown next to the boss field.</summary>
    public string? RetiredBossWarning { get; private set; }

    /// <summary>"true" for aria-invalid when the field has an error, else null (the attribute is left out).</summary>
    public string? Invalid(string field) =>
        ModelState.TryGetValue("Input." + field, out var entry) && entry.Errors.Count > 0 ? "true" : null;

    protected EgiDbContext Db => db;
    protected CurrentUser Me => me;

    /// <summary>
    /// Fills the selects. The boss picker suggests the active jefes (with personal a cargo) of the servant's dependencia,
    /// never the person; the boss chosen is listed even if retired, and anyone else is found by its search
    /// (<see cref="ServantChoices"/>): the directory is never read whole.
    /// </summary>
    protected async Task LoadOptionsAsync(Servant? current, CancellationToken ct)
    {
        var today = me.Today;
        ServantId = current?.Id;
        DependencyOptions = (await DependencyNodes.LoadAsync(db, ct))
            .Where(d => d.Active || d.Id == current?.DependencyId)
            .Select(d => new SelectListItem(d.Active ? d.Path : $"{d.Path} (inactiva)", ServantLookups.Id(d.Id)))
            .ToList();

        var choices = new ServantChoices(db);
        var chosen = await choices.ByIdsAsync(new[] { ServantForm.ParseId(Input.BossId), current?.BossId }.OfType<int>(), today, ct);
        var dependency = ServantForm.ParseId(Input.DependencyId) ?? current?.DependencyId;
        var jefes = dependency is { } d ? await choices.OfDependencyAsync(d, current?.Id, today, onlyJefes: true, ct) : [];
        BossGroups = ServantPicker.GroupsOf("Jefes de la dependencia", jefes, Input.BossSearch, bossFound, chosen.Values.Where(x => x.Id != current?.Id));

        if (current?.BossId is { } b && chosen.TryGetValue(b, out var boss) && boss.Retired)
            RetiredBossWarning = DirectoryMessages.CurrentBossRetired(boss.FullName, boss.RetirementDate);
    }

    /// <summary>
    /// A boss typed in the picker's search box and not chosen in the list: their id goes into the form, or an error by
    /// field (the matches are then listed).
    /// </summary>
    private async Task<FieldError?> ResolveBossAsync(Servant servant, bool isNew, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(Input.BossId) || string.IsNullOrWhiteSpace(Input.BossSearch)) return null;
        var (match, error, found) = await new ServantChoices(db).ResolveAsync(Input.BossSearch, "Jefe inmediato", isNew ? null : servant.Id, me.Today, ct);
        if (match is null)
        {
            bossFound = found;
            return new(nameof(ServantInput.BossId), error!);
        }
        (Input.BossId, Input.BossSearch) = (ServantLookups.Id(match.Id), null);
        return null;
    }

    /// <summary>
    /// Validates the posted form against the domain and the directory; when valid, applies it to
    /// <paramref name="servant"/>, saves (the audit line is written by the save) and creates or relinks the account.
    /// Returns the redirect to the details page, or the form again with the messages next to the fields.
    /// </summary>
    protected async Task<IActionResult> SaveAsync(Servant servant, bool isNew, CancellationToken ct)
    {
        var bossError = await ResolveBossAsync(servant, isNew, ct);
        var (input, errors) = Input.ToInput();
        if (bossError is not null) errors = [.. errors.Where(e => e.Field != nameof(ServantInput.BossId)), bossError];
        var all = errors.Concat(await ServantLookups.CheckAgainstDirectoryAsync(db, isNew ? null : servant, input, errors, me.Today, ct)).ToList();
        // No self-administration: nobody changes their own jefe, dependencia or vinculación.
        if (!isNew) all.AddRange(servant.SelfAdministrationErrors(input, me.ServantId));
        if (!isNew && input.RetirementDate is not null && input.RetirementDate != servant.RetirementDate
            && await HttpContext.RequestServices.GetRequiredService<AccountAdministration>().RetirementRefusalAsync(servant.Id, ct) is { } lastHr)
            all.Add(new(nameof(ServantInput.RetirementDate), lastHr));
        if (all.Count > 0) return await Redisplay(servant, isNew, all, ct);

        var before = (servant.BossId, servant.DependencyId, servant.RetirementDate);
        servant.Apply(input);
        if (isNew) db.Servants.Add(servant);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone saved the same document number between our check and our save (unique index).
            db.ChangeTracker.Clear();
            return await Redisplay(isNew ? null : servant, isNew,
                [new(nameof(ServantInput.DocumentNumber), DirectoryMessages.ServantSavedConcurrently(servant.DocumentNumber))], ct);
        }

        var accountErrors = await accounts.EnsureAsync(servant);
        // A servant who is (or just became) eligible while a period is open gets their evaluation now.
        var evaluationsOpened = await opening.EnsureForServantAsync(servant.Id, ct);
        // A new jefe, a move to another dependencia or a retiro changes the evaluations of the open period (partial evaluations).
        var evaluatorChange = isNew ? null : await HttpContext.RequestServices.GetRequiredService<EvaluatorChanges>()
            .AfterServantChangedAsync(servant.Id, before.BossId, before.DependencyId, before.RetirementDate, ct);
        TempData["Mensaje"] = (isNew
            ? DirectoryMessages.ServantCreated(servant.FullName, servant.DocumentNumber)
            : DirectoryMessages.ServantSaved(servant.FullName))
            + DirectoryMessages.EvaluationsOpened(evaluationsOpened)
            + (evaluatorChange is null ? "" : " " + evaluatorChange);
        if (accountErrors.Count > 0)
            TempData["AvisoCuenta"] = DirectoryMessages.AccountNotSaved
                + string.Join(" ", accountErrors);
        return RedirectToPage("./Details", new { id = servant.Id });
    }

    private async Task<IActionResult> Redisplay(Servant? servant, bool isNew, IEnumerable<FieldError> errors, CancellationToken ct)
    {
        ModelState.AddModelError(string.Empty, DirectoryMessages.ServantNotSaved);
        ModelState.AddFieldErrors(errors);
        await LoadOptionsAsync(isNew ? null : servant, ct);
        return Page();
    }
}
