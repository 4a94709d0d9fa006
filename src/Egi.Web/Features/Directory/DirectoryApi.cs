using System.ComponentModel;
using Egi.Domain.Directory;
using Egi.Web.Data;
using Egi.Web.Infrastructure.Api;
using Egi.Web.Features.Directory.Jobs;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Directory;

/// <summary>A background sync as its key reads it: its state, its progress and, once it ends, what the synchronous call answers.</summary>
public sealed record SyncJobStatus(
    [property: Description(DirectoryMessages.Api.JobId)] long Id,
    [property: Description(DirectoryMessages.Api.JobState)] string State,
    [property: Description(DirectoryMessages.Api.JobStateLabel)] string StateLabel,
    [property: Description(DirectoryMessages.Api.JobTotal)] int Total,
    [property: Description(DirectoryMessages.Api.JobProcessed)] int Processed,
    [property: Description(DirectoryMessages.Api.JobPercent)] int Percent,
    [property: Description(DirectoryMessages.Api.JobCreatedAt)] DateTime CreatedAt,
    [property: Description(DirectoryMessages.Api.JobStartedAt)] DateTime? StartedAt,
    [property: Description(DirectoryMessages.Api.JobFinishedAt)] DateTime? FinishedAt,
    [property: Description(DirectoryMessages.Api.JobMessage)] string? Message,
    [property: Description(DirectoryMessages.Api.JobResult)] DirectorySyncResult? Result,
    [property: Description(DirectoryMessages.Api.JobErrors)] IReadOnlyList<SyncError> Errors)
{
    public static SyncJobStatus Of(DirectoryJobView j) => new(j.Id, j.State.ToString(), j.State.Label(), j.Total, j.Processed, j.Percent,
        j.CreatedAt, j.StartedAt, j.FinishedAt, j.Message, j.Result, j.Errors);
}

/// <summary>Read-only JSON API of the directory for integrations (Talento Humano and Consulta; every call is audited).</summary>
public static class DirectoryApi
{
    /// <summary>A sync that creates or updates more dependencias and servants than this runs in the background (Api:SyncBackgroundFrom).</summary>
    public const int DefaultSyncBackgroundFrom = 1000;

    /// <summary>The «Retry-After» of a job that has not ended: when to ask again, in seconds.</summary>
    private const string PollAfterSeconds = "5";

    public static string JobPath(long id) => $"/api/v1/directory/sync/jobs/{id.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>RFC 7240: «Prefer: respond-async» (among other preferences, with or without parameters).</summary>
    public static bool PrefersAsync(string? prefer) =>
        prefer is not null && prefer.Split(',').Any(p => p.Split(';')[0].Trim().Equals("respond-async", StringComparison.OrdinalIgnoreCase));

    public sealed record DependencyDto(int Id, string Code, string Name, int? ParentId, bool Active);

    public sealed record ServantDto(
        int Id, string DocumentNumber, string FirstNames, string LastNames, string Email,
        string JobTitle, string JobCode, string JobGrade, string Level, int DependencyId, string EmploymentType,
        DateOnly HireDate, DateOnly? RetirementDate, string? BossDocumentNumber, bool HasStaff, bool IsPublicManager,
        bool Eligible, string EligibilityReason);

    public static RouteGroupBuilder MapDirectoryApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/directory").WithTags("Directorio");
        var reads = new[] { StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status429TooManyRequests };

        group.MapGet("/dependencies", async (EgiDbContext db, CancellationToken ct) =>
            {
                var result = await db.Dependencies.AsNoTracking().OrderBy(d => d.Code)
                    .Select(d => new DependencyDto(d.Id, d.Code, d.Name, d.ParentId, d.Active)).ToListAsync(ct);
                db.Audit("Consultar", "Dependencia", "", $"API: {result.Count} dependencias");
                await db.SaveChangesAsync(ct);
                return result;
            })
            .RequireAuthorization(ApiPolicies.DirectoryRead)
            .WithName("ListarDependencias")
            .WithSummary(DirectoryMessages.Api.ListDependenciesSummary)
            .WithDescription(DirectoryMessages.Api.ListDependenciesDescription)
            .ProducesProblems(reads);

        group.MapGet("/servants", async (EgiDbContext db, CurrentUser me, CancellationToken ct, bool includeRetired = false) =>
            {
                var today = me.Today;
                var servants = await db.Servants.AsNoTracking().OrderBy(s => s.LastNames).ThenBy(s => s.FirstNames).ToListAsync(ct);
                var docs = servants.ToDictionary(s => s.Id, s => s.DocumentNumber);
                var result = servants.Where(s => includeRetired || !s.IsRetired(today)).Select(s => ToDto(s, docs, today)).ToList();
                db.Audit("Exportar", AuditEntities.Servant, "", $"API: {result.Count} servidores");
                await db.SaveChangesAsync(ct);
                return result;
            })
            .RequireAuthorization(ApiPolicies.DirectoryRead)
            .WithName("ListarServidores")
            .WithSummary(DirectoryMessages.Api.ListServantsSummary)
            .WithDescription(DirectoryMessages.Api.ListServantsDescription)
            .ProducesProblems(reads);

        group.MapGet("/servants/{document}", async Task<Results<Ok<ServantDto>, ProblemHttpResult>> (string document, EgiDbContext db, CurrentUser me, CancellationToken ct) =>
            {
                var doc = ServantInput.NormalizeDocument(document);
                var s = await db.Servants.AsNoTracking().FirstOrDefaultAsync(x => x.DocumentNumber == doc, ct);
                if (s is null)
                    return TypedResults.Problem(title: DirectoryMessages.Api.ServantNotFoundTitle, detail: DirectoryMessages.Api.ServantNotFoundDetail(doc),
                        statusCode: StatusCodes.Status404NotFound);
                var bossDoc = s.BossId is { } b ? await db.Servants.Where(x => x.Id == b).Select(x => x.DocumentNumber).FirstOrDefaultAsync(ct) : null;
                db.Audit("Consultar", AuditEntities.Servant, s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"API: {s.FullName}");
                await db.SaveChangesAsync(ct);
                var docs = new Dictionary<int, string>();
                if (s.BossId is { } bid && bossDoc is not null) docs[bid] = bossDoc;
                return TypedResults.Ok(ToDto(s, docs, me.Today));
            })
            .RequireAuthorization(ApiPolicies.DirectoryRead)
            .WithName("ConsultarServidor")
            .WithSummary(DirectoryMessages.Api.GetServantSummary)
            .WithDescription(DirectoryMessages.Api.GetServantDescription)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblems(reads);

        group.MapPost("/sync", async Task<IResult> (HttpRequest request, DirectorySync sync, EgiDbContext db, CurrentUser me, DirectoryJobQueue jobs,
                IConfiguration config, CancellationToken ct,
                [Description(DirectoryMessages.Api.SyncDryRunParameter)] bool dryRun = false,
                [FromQuery(Name = "async"), Description(DirectoryMessages.Api.SyncAsyncParameter)] bool runAsync = false,
                [FromHeader(Name = "Prefer"), Description(DirectoryMessages.Api.SyncPreferHeader)] string? prefer = null) =>
            {
                DirectorySyncRequest? body;
                try
                {
                    body = await request.ReadFromJsonAsync<DirectorySyncRequest>(ct);
                }
                catch (System.Text.Json.JsonException e)
                {
                    return await SyncProblemAsync(db, StatusCodes.Status400BadRequest, DirectoryMessages.Api.BodyNotJsonTitle,
                        DirectoryMessages.Api.BodyNotJsonDetail(e.Path), []);
                }
                catch (InvalidOperationException)
                {
                    return await SyncProblemAsync(db, StatusCodes.Status415UnsupportedMediaType, DirectoryMessages.Api.UnsupportedMediaTypeTitle,
                        DirectoryMessages.Api.UnsupportedMediaTypeDetail, []);
                }
                if (body is null)
                    return await SyncProblemAsync(db, StatusCodes.Status400BadRequest, DirectoryMessages.Api.BodyMissingTitle, DirectoryMessages.Api.BodyMissingDetail, []);

                var source = $"sincronización por API ({me.DisplayName})";
                var askedAsync = runAsync || PrefersAsync(prefer);
                var backgroundFrom = config.GetValue("Api:SyncBackgroundFrom", DefaultSyncBackgroundFrom);
                // The whole request is checked first, in this response (a bad row is a 422 here, never a failed job later); a
                // large one (or one the client asked for) is then left to a worker instead of being applied here.
                var outcome = await sync.RunAsync(body, dryRun, source, me.Today, ct,
                    deferIf: preview => askedAsync || DirectorySync.ChangesOf(preview) > backgroundFrom);
                if (outcome.Errors.Count > 0)
                {
                    var (status, title, detail) = DirectorySync.RefusalOf(outcome);
                    return await SyncProblemAsync(db, status, title, detail, outcome.Errors);
                }
                var r = outcome.Result!;
                if (outcome.Deferred)
                {
                    var job = await jobs.QueueSyncAsync(DirectoryJobOwner.Of(request.HttpContext)!, body, DirectorySync.StepsOf(r), ct);
                    db.Audit("Sincronizar", "Directorio", "", $"En cola como trabajo {job.Id}: {DirectorySync.SummaryOf(r)}");
                    await db.SaveChangesAsync(ct);
                    var response = request.HttpContext.Response;
                    if (askedAsync) response.Headers["Preference-Applied"] = "respond-async";
                    response.Headers.RetryAfter = PollAfterSeconds;
                    return TypedResults.Accepted(JobPath(job.Id), SyncJobStatus.Of(job));
                }
                db.Audit("Sincronizar", "Directorio", "", (r.DryRun ? "Vista previa: " : "") + DirectorySync.SummaryOf(r));
                await db.SaveChangesAsync(ct);
                return TypedResults.Ok(r);
            })
            .RequireAuthorization(ApiPolicies.DirectoryWrite)
            .Accepts<DirectorySyncRequest>("application/json")
            .WithName("SincronizarDirectorio")
            .WithSummary(DirectoryMessages.Api.SyncSummary)
            .WithDescription(DirectoryMessages.Api.SyncDescription)
            .Produces<DirectorySyncResult>()
            .Produces<SyncJobStatus>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblems(reads);

        group.MapGet("/sync/jobs/{id:long}", async Task<IResult> (long id, DirectoryJobQueue jobs, EgiDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var job = await jobs.FindAsync(id, DirectoryJobKind.ApiSync, DirectoryJobOwner.Of(http), ct);
                if (job is null)
                    return TypedResults.Problem(title: DirectoryMessages.Api.JobNotFoundTitle,
                        detail: DirectoryMessages.Api.JobNotFoundDetail(id),
                        statusCode: StatusCodes.Status404NotFound);
                db.Audit("Consultar", "Sincronización", id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"API: trabajo {id}, {job.State.Label().ToLowerInvariant()}");
                await db.SaveChangesAsync(ct);
                if (!job.Done) http.Response.Headers.RetryAfter = PollAfterSeconds;
                return TypedResults.Ok(SyncJobStatus.Of(job));
            })
            .RequireAuthorization(ApiPolicies.DirectoryWrite)
            .WithName("ConsultarSincronizacion")
            .WithSummary(DirectoryMessages.Api.JobStatusSummary)
            .WithDescription(DirectoryMessages.Api.JobStatusDescription)
            .Produces<SyncJobStatus>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblems(reads);

        return group;
    }

    private static async Task<IResult> SyncProblemAsync(EgiDbContext db, int status, string title, string detail, IReadOnlyList<SyncError> errors)
    {
        // The refused call is audited too (with the caller's name), on its own: nothing else of it was saved.
        db.ChangeTracker.Clear();
        db.Audit("Sincronizar", "Directorio", "", $"Rechazada ({status}): {title}; {errors.Count} errores");
        await db.SaveChangesAsync();
        var extensions = new Dictionary<string, object?> { ["errors"] = errors };
        return TypedResults.Problem(detail: detail, title: title, statusCode: status, extensions: extensions);
    }

    private static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, int[] statuses)
    {
        foreach (var status in statuses) builder.ProducesProblem(status);
        return builder;
    }

    private static ServantDto ToDto(Servant s, IReadOnlyDictionary<int, string> docs, DateOnly today)
    {
        var e = s.EligibilityOn(today);
        return new(s.Id, s.DocumentNumber, s.FirstNames, s.LastNames, s.Email, s.JobTitle, s.JobCode, s.JobGrade,
            s.Level.ToString(), s.DependencyId, s.EmploymentType.ToString(), s.HireDate, s.RetirementDate,
            s.BossId is { } b && docs.TryGetValue(b, out var d) ? d : null, s.HasStaff, s.IsPublicManager, e.IsEligible, e.Reason);
    }
}
