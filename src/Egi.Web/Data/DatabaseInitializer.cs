using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Egi.Web.Data;

/// <summary>Applies migrations, creates the roles and, when configured and the directory is empty, seeds the demo entity.</summary>
public static class DatabaseInitializer
{
    /// <summary>
    /// Back-fills the derived facts of every evaluation computed with an older <see cref="EvaluationFacts.CurrentRevision"/>
    /// (or never: rows that existed before the facts were stored), in batches, through the domain's own computation.
    /// </summary>
    public static async Task RefreshStaleFactsAsync(EgiDbContext db, CancellationToken ct = default)
    {
        const int batch = 500;
        // Servants saved before the search columns existed.
        while (await db.Servants.Where(s => s.SortKey == "").OrderBy(s => s.Id).Take(batch).ToListAsync(ct) is { Count: > 0 } unsorted)
        {
            foreach (var s in unsorted) s.RefreshSearch();
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        var lastId = 0;
        while (true)
        {
            var stale = await db.Evaluations
                .Where(e => e.Id > lastId && e.Facts.Revision < EvaluationFacts.CurrentRevision)
                .OrderBy(e => e.Id).Take(batch).ToListAsync(ct);
            if (stale.Count == 0) break;
            lastId = stale[^1].Id;
            await db.SaveChangesAsync(ct); // the save refreshes the facts of every tracked evaluation
            db.ChangeTracker.Clear();
        }
    }

    public static async Task InitializeAsync(IServiceProvider root, CancellationToken ct = default)
    {
        using var scope = root.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<EgiDbContext>();
        await db.Database.MigrateAsync(ct);

        var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in EgiRoles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));

        // The competency catalogue of Decreto 815 de 2018, for every database; entries Talento Humano changed are kept.
        var codes = await db.CompetencyEntries.Select(c => c.Code).ToListAsync(ct);
        var missing = Egi.Domain.Competencies.CompetencyCatalogue.DefaultEntries().Where(c => !codes.Contains(c.Code)).ToList();
        if (missing.Count > 0)
        {
            db.CompetencyEntries.AddRange(missing.Select(CompetencyEntry.From));
            await db.SaveChangesAsync(ct);
        }

        // The stored totals per period and dependencia, counted once for the rows that predate them (migration
        // DependencyTallies); from then on each save keeps them (before the facts' refresh below, which saves evaluations).
        if (!await db.Set<Features.Shared.DependencyTally>().AnyAsync(ct) && await db.Evaluations.AnyAsync(ct))
            await Features.Shared.DependencyTallies.RecountAllAsync(db, ct);
        // The headcounts per dependencia (migration DependencyHeadcounts) checked against a count of the servants, and
        // written again only if they differ (servants changed by hand, a table restored apart).
        if (await Features.Shared.DependencyHeadcounts.EnsureAsync(db, ct))
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer))
                .LogWarning("Los conteos de servidores por dependencia no coincidían con el directorio: se contaron de nuevo. | The headcounts per dependencia differed from the directory: counted again.");
        await RefreshStaleFactsAsync(db, ct);
        // Each dependencia's stored place in the tree (migration DependencyTreePosition), for the rows that predate it or
        // were written by hand; from then on every save that changes the tree keeps it.
        await db.PlaceAllDependenciesAsync(ct);
        await Features.Evaluations.EvidenceRounds.BackfillAsync(db, ct);
        await Features.Shared.PlanChoicesStamp.EnsureAsync(db, ct);

        var options = sp.GetRequiredService<IOptions<EgiOptions>>().Value;
        if (options.SeedDemo && !await db.Servants.AnyAsync(ct))
        {
            var clock = sp.GetRequiredService<TimeProvider>();
            var year = BogotaTime.Today(clock).Year; // Bogotá's year, also on 31 December evening
            await DemoData.SeedAsync(db, sp.GetRequiredService<UserManager<AppUser>>(), options.DemoPassword, year, ct);
            if (options.DemoScenario) await DemoScenario.ApplyAsync(db, clock, year, ct);
            if (options.DemoScenario) await DemoProcess.SeedAsync(db, clock, year, ct);
            if (options.DemoScenario) await DemoHistory.ApplyAsync(db, year, ct);
        }
        await PlannerStatistics.RefreshAsync(db, ct);
    }
}
