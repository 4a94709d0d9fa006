using Egi.Domain.Directory;

namespace Egi.Web.Tests.Infrastructure;

/// <summary>Servants for tests that add some to the directory: every required field filled, only what the test varies given.</summary>
public static class NewServants
{
    /// <summary>A profesional universitario hired in 2020, e-mail «servidor{document}@egi-demo.gov.co» unless given.</summary>
    public static Servant Of(string document, int dependencyId, EmploymentType type = EmploymentType.Provisional, int? bossId = null,
        string firstNames = "Persona", string lastNames = "De Prueba", string? email = null) => new()
        {
            DocumentNumber = document,
            FirstNames = firstNames,
            LastNames = lastNames,
            Email = email ?? $"servidor{document}@egi-demo.gov.co",
            JobTitle = "Profesional universitario",
            JobCode = "2044",
            JobGrade = "01",
            Level = HierarchyLevel.Profesional,
            DependencyId = dependencyId,
            EmploymentType = type,
            HireDate = new DateOnly(2020, 1, 1),
            BossId = bossId,
        };
}
