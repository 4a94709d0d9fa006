using Microsoft.AspNetCore.Mvc.Rendering;

namespace Egi.Web.Features.Directory.Dependencies;

/// <summary>What the shared form partial needs from the Create and Edit pages.</summary>
public interface IDependencyFormPage
{
    DependencyInput Input { get; }
    IReadOnlyList<SelectListItem> ParentOptions { get; }
}
