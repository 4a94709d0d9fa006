using System.ComponentModel.DataAnnotations;
using Egi.Domain.Common;
using Egi.Domain.Directory;
using Egi.Web.Data;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Directory.Dependencies;

/// <summary>What Talento Humano types for a dependencia.</summary>
public sealed class DependencyInput
{
    [Display(Name = "Código")]
    public string? Code { get; set; }

    [Display(Name = "Nombre")]
    public string? Name { get; set; }

    [Display(Name = "Dependencia superior")]
    public int? ParentId { get; set; }

    [Display(Name = "Activa")]
    public bool Active { get; set; } = true;

    public static DependencyInput From(Dependency d) => new() { Code = d.Code, Name = d.Name, ParentId = d.ParentId, Active = d.Active };
}

/// <summary>The shared part of the Create and Edit pages: the parent options and the checks against the rest of the tree.</summary>
public static class DependencyForm
{
    public const string NoParent = "(Ninguna: es la dependencia principal)";

    /// <summary>
    /// Replaces ASP.NET's English conversion messages (e.g. a ParentId that is not a number) by Spanish ones.
    /// The input has no data annotations: every other check is Dependency.Validate's.
    /// </summary>
    public static void SpanishBindingErrors(ModelStateDictionary modelState)
    {
        Replace(modelState, "Input.ParentId", DirectoryMessages.ParentChoiceInvalid);
        Replace(modelState, "Input.Active", DirectoryMessages.ActiveChoiceInvalid);
    }

    private static void Replace(ModelStateDictionary modelState, string key, string message)
    {
        if (!modelState.TryGetValue(key, out var entry) || entry.Errors.Count == 0) return;
        entry.Errors.Clear();
        entry.Errors.Add(message);
    }

    /// <summary>Parent options: every dependencia shown by its path, except <paramref name="id"/> and the ones below it.</summary>
    public static IReadOnlyList<SelectListItem> ParentOptions(DependencyTree tree, int id)
    {
        var excluded = tree.Ordered.FirstOrDefault(n => n.Dependency.Id == id) is { } self
            ? DependencyTree.Subtree(self).Select(n => n.Dependency.Id).ToHashSet()
            : [];
        var items = new List<SelectListItem> { new(NoParent, "") };
        items.AddRange(tree.Ordered
            .Where(n => !excluded.Contains(n.Dependency.Id))
            .Select(n => new SelectListItem(
                $"{n.Dependency.Code} — {n.Path}{(n.Dependency.Active ? "" : " (inactiva)")}",
                n.Dependency.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        return items;
    }

    /// <summary>All the rules of a dependencia being saved (<paramref name="id"/> is 0 for a new one).</summary>
    public static async Task<IReadOnlyList<FieldError>> ValidateAsync(EgiDbContext db, int id, DependencyInput input, DateOnly today, CancellationToken ct)
    {
        var all = await db.Dependencies.AsNoTracking().ToListAsync(ct);
        var parentOf = all.ToDictionary(d => d.Id, d => d.ParentId);
        var errors = Dependency.Validate(id, input.Code, input.Name, input.ParentId, parentOf,
            code => all.Any(d => d.Id != id && string.Equals(d.Code, code, StringComparison.OrdinalIgnoreCase))).ToList();
        if (errors.Count > 0) return errors;

        var activeServants = id == 0 ? 0 : await db.Servants.Where(s => s.DependencyId == id).CountAsync(Servant.ActiveOn(today), ct);
        var activeChildren = id == 0 ? 0 : all.Count(d => d.ParentId == id && d.Active);
        var parent = all.FirstOrDefault(d => d.Id == input.ParentId);
        errors.AddRange(Dependency.ValidateStatus(input.Name!, input.Active, activeServants, activeChildren, parent?.Name, parent?.Active ?? true));
        return errors;
    }

    public static void Apply(Dependency d, DependencyInput input)
    {
        d.Code = input.Code!.Trim();
        d.Name = input.Name!.Trim();
        d.ParentId = input.ParentId;
        d.Active = input.Active;
    }

    /// <summary>True when a save failed on the unique index of the code (two people saving the same code at once).</summary>
    public static bool IsDuplicateCode(DbUpdateException e) =>
        e.InnerException?.Message is { } m
        && (m.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) || m.Contains("23505", StringComparison.Ordinal) || m.Contains("duplicate", StringComparison.OrdinalIgnoreCase));

}
