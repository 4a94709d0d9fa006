using Egi.Web.Features.Shared;

namespace Egi.Web.Features.Evaluations;

/// <summary>
/// Model of the partial _PlanItemSelect: the goal's «Ítem del plan institucional» as a <c>&lt;select&gt;</c> with one
/// <c>&lt;optgroup&gt;</c> per plan. <paramref name="Errors"/> are shown under it and tie it with aria-describedby.
/// </summary>
public sealed record PlanItemSelect(string Name, string Id, int? Selected, PlanItemChoices Choices, IReadOnlyList<string> Errors, bool Required)
{
    /// <summary>A posted id that is not among the choices (an item of another period, or deleted): shown so the person sees what is wrong.</summary>
    public bool SelectedIsUnknown => Selected is { } s && !Choices.Labels.ContainsKey(s);
}
