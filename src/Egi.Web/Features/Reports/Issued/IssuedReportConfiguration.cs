using System.Text.Json;
using Egi.Domain.Calendar;
using Egi.Domain.Process;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Egi.Web.Features.Reports.Issued;

/// <summary>
/// Issued reports (table IssuedReports): the kind as its stable code, the frozen snapshot as one JSON text column (read
/// whole with its report, never queried inside), and at most one correction per report (unique ReplacesId).
/// </summary>
internal sealed class IssuedReportConfiguration : IEntityTypeConfiguration<IssuedReport>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    public void Configure(EntityTypeBuilder<IssuedReport> e)
    {
        e.ToTable("IssuedReports");
        e.HasIndex(r => new { r.PeriodId, r.Kind });
        e.HasIndex(r => r.ReplacesId).IsUnique();
        e.HasOne<Period>().WithMany().HasForeignKey(r => r.PeriodId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<IssuedReport>().WithMany().HasForeignKey(r => r.ReplacesId).OnDelete(DeleteBehavior.Restrict);
        e.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(r => r.PeriodName).HasMaxLength(100);
        e.Property(r => r.IssuedBy).HasMaxLength(256);
        e.Property(r => r.Conclusions).HasMaxLength(IssuedReportRules.ConclusionsMax);
        e.Property(r => r.Recommendations).HasMaxLength(IssuedReportRules.RecommendationsMax);
        e.Property(r => r.Snapshot)
            .HasColumnName("SnapshotJson")
            .HasConversion(
                s => JsonSerializer.Serialize(s, Json),
                s => JsonSerializer.Deserialize<ConsolidationSnapshot>(s, Json) ?? new ConsolidationSnapshot(0, Array.Empty<SnapshotTable>()),
                new ValueComparer<ConsolidationSnapshot>(
                    (a, b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json),
                    s => JsonSerializer.Serialize(s, Json).GetHashCode(StringComparison.Ordinal),
                    s => s));
    }
}
