using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Egi.Web.Data;

/// <summary>One line of the append-only audit trail (SPEC §9).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string? UserId { get; set; }
    public string UserName { get; set; } = "";
    public string Roles { get; set; } = "";

    /// <summary>Spanish verb: Crear, Modificar, Eliminar, Importar, Exportar, Iniciar sesión…</summary>
    public string Action { get; set; } = "";
    public string EntityType { get; set; } = "";
    public string EntityId { get; set; } = "";
    public string Summary { get; set; } = "";
    public string? Before { get; set; }
    public string? After { get; set; }
    public string? Ip { get; set; }
}

/// <summary>
/// Names of the audit trail's entities that code looks up (the trail is a record in Spanish, append-only: its words are
/// never rewritten, so these values are kept as they are; renaming one would hide the lines written before).
/// </summary>
public static class AuditEntities
{
    /// <summary>A servant of the directory: written by every change of one (automatic, import, retiro) and read by its page.</summary>
    public const string Servant = "Servidor";

    /// <summary>An evaluation: every save of one (transitions, partial evaluations, reopenings, reassignments) is a line.</summary>
    public const string Evaluation = "Evaluación";

    /// <summary>A piece of evidence (its id): uploads and downloads, whose summary names the evaluation (<see cref="EvidenceOf"/>).</summary>
    public const string Evidence = "Evidencia";

    /// <summary>
    /// What every evidence line's summary says of its evaluation, «(evaluación 12, …»: how an evaluation's timeline finds
    /// the lines of evidence removed since.
    /// </summary>
    public static string EvidenceOf(int evaluationId) => $"(evaluación {evaluationId.ToString(System.Globalization.CultureInfo.InvariantCulture)},";
}

/// <summary>The audit trail: searched by date and by entity.</summary>
internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.Property(a => a.Action).HasMaxLength(60);
        e.Property(a => a.EntityType).HasMaxLength(60);
        e.Property(a => a.EntityId).HasMaxLength(60);
        e.Property(a => a.UserName).HasMaxLength(256);
        e.Property(a => a.Roles).HasMaxLength(200);
        e.Property(a => a.Summary).HasMaxLength(1000);
        e.Property(a => a.Ip).HasMaxLength(64);
        e.HasIndex(a => a.At);
        e.HasIndex(a => new { a.EntityType, a.EntityId });
    }
}
