using Egi.Domain.Directory;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Directory;

/// <summary>Read-only JSON API of the directory for integrations (Talento Humano and Consulta; every call is audited).</summary>
public static class DirectoryApi
{
    public sealed record DependencyDto(int Id, string Code, string Name, int? ParentId, bool Active);

    public sealed record ServantDto(
        int Id, string DocumentNumber, string FirstNames, string LastNames, string Email,
        string JobTitle, string JobCode, string JobGrade, string Level, int DependencyId, string EmploymentType,
        DateOnly HireDate, DateOnly? RetirementDate, string? BossDocumentNumber, bool HasStaff, bool IsPublicManager,
        bool Eligible, string EligibilityReason);

    public static RouteGroupBuilder MapDirectoryApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/directory").RequireAuthorization(Policies.Reports).WithTags("Directorio");

        group.MapGet("/dependencies", async (EgiDbContext db, CancellationToken ct) =>
                await db.Dependencies.AsNoTracking().OrderBy(d => d.Code)
                    .Select(d => new DependencyDto(d.Id, d.Code, d.Name, d.ParentId, d.Active)).ToListAsync(ct))
            .WithSummary("Dependencias de la entidad");

        group.MapGet("/servants", async (EgiDbContext db, CurrentUser me, CancellationToken ct, bool includeRetired = false) =>
            {
                var today = me.Today;
                var servants = await db.Servants.AsNoTracking().OrderBy(s => s.LastNames).ThenBy(s => s.FirstNames).ToListAsync(ct);
                var docs = servants.ToDictionary(s => s.Id, s => s.DocumentNumber);
                var result = servants.Where(s => includeRetired || !s.IsRetired(today)).Select(s => ToDto(s, docs, today)).ToList();
                db.Audit("Exportar", "Servidor", "", $"API: {result.Count} servidores");
                await db.SaveChangesAsync(ct);
                return result;
            })
            .WithSummary("Servidores del directorio, con su elegibilidad");

        group.MapGet("/servants/{document}", async Task<Results<Ok<ServantDto>, NotFound>> (string document, EgiDbContext db, CurrentUser me, CancellationToken ct) =>
            {
                var doc = ServantInput.NormalizeDocument(document);
                var s = await db.Servants.AsNoTracking().FirstOrDefaultAsync(x => x.DocumentNumber == doc, ct);
                if (s is null) return TypedResults.NotFound();
                var bossDoc = s.BossId is { } b ? await db.Servants.Where(x => x.Id == b).Select(x => x.DocumentNumber).FirstOrDefaultAsync(ct) : null;
                db.Audit("Consultar", "Servidor", s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"API: {s.FullName}");
                await db.SaveChangesAsync(ct);
                var docs = new Dictionary<int, string>();
                if (s.BossId is { } bid && bossDoc is not null) docs[bid] = bossDoc;
                return TypedResults.Ok(ToDto(s, docs, me.Today));
            })
            .WithSummary("Un servidor por número de documento (con o sin puntos)");

        return group;
    }

    private static ServantDto ToDto(Servant s, IReadOnlyDictionary<int, string> docs, DateOnly today)
    {
        var e = s.EligibilityOn(today);
        return new(s.Id, s.DocumentNumber, s.FirstNames, s.LastNames, s.Email, s.JobTitle, s.JobCode, s.JobGrade,
            s.Level.ToString(), s.DependencyId, s.EmploymentType.ToString(), s.HireDate, s.RetirementDate,
            s.BossId is { } b && docs.TryGetValue(b, out var d) ? d : null, s.HasStaff, s.IsPublicManager, e.IsEligible, e.Reason);
    }
}
