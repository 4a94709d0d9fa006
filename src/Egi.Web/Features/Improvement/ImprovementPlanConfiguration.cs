using Egi.Domain.Calendar;
using Egi.Domain.Directory;
using Egi.Domain.Evaluations;
using Egi.Domain.Improvement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Egi.Web.Features.Improvement;

/// <summary>The individual improvement plans: one per servant and period; aspects and follow-ups stored as JSON.</summary>
internal sealed class ImprovementPlanConfiguration : IEntityTypeConfiguration<ImprovementPlan>
{
    public void Configure(EntityTypeBuilder<ImprovementPlan> e)
    {
        e.ToTable("ImprovementPlans");
        e.HasIndex(p => new { p.PeriodId, p.ServantId }).IsUnique();
        e.HasIndex(p => p.EvaluatorId);
        e.HasOne<Period>().WithMany().HasForeignKey(p => p.PeriodId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Servant>().WithMany().HasForeignKey(p => p.ServantId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Servant>().WithMany().HasForeignKey(p => p.EvaluatorId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Evaluation>().WithMany().HasForeignKey(p => p.EvaluationId).OnDelete(DeleteBehavior.Restrict);
        e.Property(p => p.Status);
        e.Property(p => p.Version).IsConcurrencyToken();
        e.Property(p => p.ManualReason).HasMaxLength(500);
        e.Property(p => p.ManualBy).HasMaxLength(256);
        e.Property(p => p.BossConfirmedBy).HasMaxLength(256);
        e.Property(p => p.ServantConfirmedBy).HasMaxLength(256);
        e.Property(p => p.ReopenReason).HasMaxLength(ImprovementPlan.ReopenReasonMax);
        e.Property(p => p.ReopenedBy).HasMaxLength(256);
        e.OwnsMany(p => p.Aspects, o => o.ToJson());
        e.OwnsMany(p => p.FollowUps, o => o.ToJson());
        e.Ignore(p => p.Progress);
        e.Ignore(p => p.IsEditable);
    }
}

/// <summary>The EDL results of career servants imported by Talento Humano: one per servant and year.</summary>
internal sealed class EdlResultConfiguration : IEntityTypeConfiguration<EdlResult>
{
    public void Configure(EntityTypeBuilder<EdlResult> e)
    {
        e.ToTable("EdlResults");
        e.HasIndex(r => new { r.ServantId, r.Year }).IsUnique();
        e.HasIndex(r => r.Year);
        e.HasOne<Servant>().WithMany().HasForeignKey(r => r.ServantId).OnDelete(DeleteBehavior.Restrict);
        e.Property(r => r.Score).HasPrecision(5, 2);
        e.Property(r => r.ImportedBy).HasMaxLength(EdlResult.ImportedByMax);
    }
}
