using Egi.Domain.Calendar;
using Egi.Domain.Directory;
using Egi.Domain.Evaluations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Egi.Web.Features.Evaluations;

/// <summary>The evaluation aggregate: its parts as JSON, its derived facts and waits as plain columns and rows, a row version.</summary>
internal sealed class EvaluationConfiguration : IEntityTypeConfiguration<Evaluation>
{
    public void Configure(EntityTypeBuilder<Evaluation> e)
    {
        e.HasIndex(x => new { x.PeriodId, x.EvaluadoId }).IsUnique();
        e.HasIndex(x => new { x.EvaluatorId, x.State });
        e.HasOne<Period>().WithMany().HasForeignKey(x => x.PeriodId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Servant>().WithMany().HasForeignKey(x => x.EvaluadoId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Servant>().WithMany().HasForeignKey(x => x.EvaluatorId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.State);
        e.Property(x => x.FollowUpIExemption).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.OwnsMany(x => x.Goals, o => o.ToJson());
        e.OwnsMany(x => x.Progress, o => o.ToJson());
        e.OwnsMany(x => x.Competencies, o => o.ToJson());
        // Codes are stored by their enum name (stable and readable); the Spanish is only Label() at the edge.
        e.OwnsMany(x => x.History, o =>
        {
            o.ToJson();
            o.Property(h => h.Role).HasConversion<string>();
            o.Property(h => h.Action).HasConversion<string>();
        });
        e.OwnsMany(x => x.Versions, o => { o.ToJson(); o.Property(v => v.Kind).HasConversion<string>(); });
        e.OwnsMany(x => x.Reopenings, o => o.ToJson());
        e.OwnsMany(x => x.Tenures, o => { o.ToJson(); o.Property(t => t.EndCause).HasConversion<string>(); });
        e.OwnsMany(x => x.Partials, o =>
        {
            o.ToJson();
            o.Property(p => p.Cause).HasConversion<string>();
            o.OwnsMany(p => p.Goals);
        });
        // The facts the domain derives (RefreshFacts on every save): plain columns that pages and reports query.
        e.ComplexProperty(x => x.Facts, f =>
        {
            foreach (var score in EvaluationFacts.ScoreColumns) f.Property<decimal?>(score).HasPrecision(7, 2);
            foreach (var score in EvaluationFacts.UnroundedColumns) f.Property<decimal?>(score).HasPrecision(16, EvaluationFacts.UnroundedDecimals);
        });
        // The waits are rows of their own table, loaded with the evaluation by default (AutoInclude: a save refreshes
        // them) but not owned, so that a page that only shows an evaluation can leave them out (IgnoreAutoIncludes): an
        // owned collection is always joined, which nested the evaluation's query in a subquery and sorted it.
        e.HasMany(x => x.Waits).WithOne().HasForeignKey(EvaluationWaitConfiguration.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(x => x.Waits).AutoInclude();
        e.HasIndex(x => x.PeriodId);
        // Incremental reads of the API: a period's evaluations changed since an instant, in a stable order.
        e.HasIndex(x => new { x.PeriodId, x.UpdatedAt, x.Id });
        e.Ignore(x => x.IsCommittee);
        e.Ignore(x => x.WaitingOn);
        e.Ignore(x => x.OrderedGoals);
        e.Ignore(x => x.IsClosed);
        // Evidence is part of the aggregate (written through AttachEvidence / RemoveEvidence) but its own table, loaded where needed.
        e.HasMany(x => x.Evidence).WithOne().HasForeignKey(x => x.EvaluationId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>On whom an evaluation waits: one row per person (kept by each save of the evaluation, see Evaluation.Waits).</summary>
internal sealed class EvaluationWaitConfiguration : IEntityTypeConfiguration<EvaluationWait>
{
    public const string EvaluationId = "EvaluationId";

    public void Configure(EntityTypeBuilder<EvaluationWait> w)
    {
        w.ToTable("EvaluationWaits");
        w.Property<int>(EvaluationId);
        w.HasKey(EvaluationId, nameof(EvaluationWait.ServantId));
        // The servant's id, never a generated value (by convention the key's last column would be an identity).
        w.Property(x => x.ServantId).ValueGeneratedNever();
        w.HasIndex(x => x.ServantId);
    }
}

/// <summary>The evidence of the evaluations' follow-ups (written through the evaluation, see Evaluation.AttachEvidence).</summary>
internal sealed class EvidenceItemConfiguration : IEntityTypeConfiguration<EvidenceItem>
{
    public void Configure(EntityTypeBuilder<EvidenceItem> e)
    {
        e.HasIndex(x => x.EvaluationId);
        e.Property(x => x.OriginalName).HasMaxLength(EvidenceItem.NameMax);
        e.Property(x => x.StoredName).HasMaxLength(64);
        e.Property(x => x.ContentType).HasMaxLength(EvidenceItem.ContentTypeMax);
        e.Property(x => x.Url).HasMaxLength(EvidenceItem.UrlMax);
        e.Property(x => x.UploadedBy).HasMaxLength(EvidenceItem.UploadedByMax);
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.Ignore(x => x.IsDraft);
    }
}

/// <summary>
/// The goals' links to the plans' items (<see cref="GoalPlanLink"/>), kept by each save; deleted with their evaluation.
/// No key to the plan item: an item a goal links to cannot be deleted (the plan pages check), and a goal keeps its link.
/// </summary>
internal sealed class GoalPlanLinkConfiguration : IEntityTypeConfiguration<GoalPlanLink>
{
    public void Configure(EntityTypeBuilder<GoalPlanLink> e)
    {
        e.ToTable("GoalPlanLinks");
        e.HasKey(x => new { x.EvaluationId, x.Position });
        e.Property(x => x.Position).ValueGeneratedNever();
        e.HasOne<Evaluation>().WithMany().HasForeignKey(x => x.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        // The plan pages and the coverage report: a period's links per item.
        e.HasIndex(x => new { x.PeriodId, x.PlanItemId, x.EvaluadoId });
    }
}
