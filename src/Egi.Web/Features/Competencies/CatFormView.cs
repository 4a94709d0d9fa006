namespace Egi.Web.Features.Competencies;

/// <summary>
/// The shared form of the catalogue pages (posted as <c>Input.Name</c>, <c>Input.Definition</c> and
/// <c>Input.Behaviors</c>, the conductas asociadas one per line).
/// </summary>
public sealed record CatFormView(string SubmitLabel, string? Name, string? Definition, string? Behaviors);
