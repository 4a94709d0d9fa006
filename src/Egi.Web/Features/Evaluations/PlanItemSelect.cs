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

/// <summary>
/// The partial _OtherPlanItems: the planes de acción of the other dependencias, written once per page in a
/// <c>&lt;template&gt;</c> that wwwroot/js/plan-items.js adds to every goal's list (in a large entity they are hundreds
/// of items: written into each goal's list they made the goal form weigh 630 KB). Without JavaScript each list offers the
/// evaluado's plan de acción, the PEI and the PND, and keeps an item already chosen from another dependencia's plan.
/// </summary>
public static class OtherPlanItems
{
    public const string TemplateId = "plan-items-others";
}
