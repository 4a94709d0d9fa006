using Egi.Domain.Competencies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Egi.Web.Data;

/// <summary>
/// One persisted entry of the behavioural competency catalogue (Decreto 815 de 2018), editable by Talento Humano.
/// Pages load every entry into a <see cref="CompetencyCatalogue"/> (<see cref="ToCatalogue"/>) and let the domain decide.
/// </summary>
public sealed class CompetencyEntry
{
    /// <summary>Stable unique code, e.g. "COM-01"; the key.</summary>
    public string Code { get; set; } = "";
    public CompetencyGroup Group { get; set; }
    public string Name { get; set; } = "";
    public string Definition { get; set; } = "";
    public bool Active { get; set; } = true;

    /// <summary>The conductas asociadas, one per line ("" when the entry has none).</summary>
    public string Behaviors { get; set; } = "";

    public Competency ToDomain() => new(Code, Group, Name, Definition, Active, Competency.ParseBehaviors(Behaviors));

    public static CompetencyEntry From(Competency c) =>
        new() { Code = c.Code, Group = c.Group, Name = c.Name, Definition = c.Definition, Active = c.Active, Behaviors = c.BehaviorsText };

    /// <summary>The catalogue in order (group, then code) from the stored entries.</summary>
    public static CompetencyCatalogue ToCatalogue(IEnumerable<CompetencyEntry> entries) =>
        new(entries.OrderBy(e => e.Group).ThenBy(e => e.Code, StringComparer.Ordinal).Select(e => e.ToDomain()));
}

/// <summary>The competency catalogue, keyed by its code.</summary>
internal sealed class CompetencyEntryConfiguration : IEntityTypeConfiguration<CompetencyEntry>
{
    public void Configure(EntityTypeBuilder<CompetencyEntry> e)
    {
        e.HasKey(c => c.Code);
        e.Property(c => c.Code).HasMaxLength(20);
        e.Property(c => c.Name).HasMaxLength(Egi.Domain.Competencies.Competency.NameMaxLength);
        e.Property(c => c.Definition).HasMaxLength(Egi.Domain.Competencies.Competency.DefinitionMaxLength);
        e.Property(c => c.Behaviors).HasMaxLength(Egi.Domain.Competencies.Competency.BehaviorsMaxLength);
    }
}
