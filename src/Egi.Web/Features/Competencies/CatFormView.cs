namespace Egi.Web.Features.Competencies;

/// <summary>The shared name/definition form of the catalogue pages (posted as <c>Input.Name</c>, <c>Input.Definition</c>).</summary>
public sealed record CatFormView(string SubmitLabel, string? Name, string? Definition);
