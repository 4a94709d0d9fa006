using Egi.Web.Features.Shared;
using System.ComponentModel;
using System.Globalization;
using System.Text;
using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Domain.Scoring;
using Egi.Web.Data;
using Egi.Web.Infrastructure.Api;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Evaluations;

public sealed record StageWindowDto(
    [property: Description(EvaluationMessages.Api.WindowStage)] string Stage,
    [property: Description(EvaluationMessages.Api.WindowLabel)] string Label,
    [property: Description(EvaluationMessages.Api.WindowActivities)] string Activities,
    DateOnly Start,
    DateOnly End,
    [property: Description(EvaluationMessages.Api.WindowOpenToday)] bool OpenToday);

public sealed record PeriodDto(
    int Id,
    int Year,
    string Name,
    [property: Description(EvaluationMessages.Api.PeriodStatus)] string Status,
    [property: Description(EvaluationMessages.Api.PeriodStatusLabel)] string StatusLabel,
    IReadOnlyList<StageWindowDto> Windows);

public sealed record WaitDto(
    [property: Description(EvaluationMessages.Api.WaitDocumentNumber)] string DocumentNumber,
    string FullName,
    [property: Description(EvaluationMessages.Api.WaitAction)] string Action);

public sealed record StepDatesDto(
    DateOnly? GoalsSubmittedOn,
    DateOnly? GoalsReviewedOn,
    DateOnly? GoalsAgreedOn,
    DateOnly? FollowUpISubmittedOn,
    DateOnly? FollowUpIReviewedOn,
    DateOnly? FollowUpIAcceptedOn,
    DateOnly? FollowUpIISubmittedOn,
    DateOnly? FollowUpIIReviewedOn,
    DateOnly? CompetenciesRatedOn,
    DateOnly? FinalizedOn,
    DateOnly? ClosedOn);

public sealed record EvaluationSummaryDto(
    int EvaluationId,
    string DocumentNumber,
    string FullName,
    string DependencyCode,
    string EvaluatorDocumentNumber,
    string EvaluatorName,
    [property: Description(EvaluationMessages.Api.EvaluationState)] string State,
    [property: Description(EvaluationMessages.Api.EvaluationStateLabel)] string StateLabel,
    [property: Description(EvaluationMessages.Api.EvaluationWaitingOn)] string WaitingOn,
    [property: Description(EvaluationMessages.Api.EvaluationWaitingFor)] IReadOnlyList<WaitDto> WaitingFor,
    [property: Description(EvaluationMessages.Api.EvaluationDates)] StepDatesDto Dates,
    [property: Description(EvaluationMessages.Api.EvaluationUpdatedAt)] DateTimeOffset UpdatedAt);

public sealed record ResultDto(
    int EvaluationId,
    string DocumentNumber,
    string FullName,
    string DependencyCode,
    string DependencyName,
    string JobTitle,
    string JobCode,
    string JobGrade,
    [property: Description(EvaluationMessages.Api.ResultGoalsComponent)] decimal GoalsComponent,
    [property: Description(EvaluationMessages.Api.ResultCompetenciesComponent)] decimal CompetenciesComponent,
    [property: Description(EvaluationMessages.Api.ResultFinalScore)] decimal FinalScore,
    [property: Description(EvaluationMessages.Api.ResultLevel)] string Level,
    [property: Description(EvaluationMessages.Api.ResultLevelLabel)] string LevelLabel,
    DateOnly? FinalizedOn,
    DateTimeOffset UpdatedAt);

public sealed record PageDto<T>(
    IReadOnlyList<T> Items,
    [property: Description(EvaluationMessages.Api.PageNextCursor)] string? NextCursor);

/// <summary>
/// Read API of the periods, the evaluations' progress and the final results, for the HR suite and the improvement-plan
/// and career processes. Every list is one set-based query over the facts the domain stores with each evaluation
/// (state, waits, step dates, scores), paged in the database by a cursor over (UpdatedAt, Id); «since» gives the
/// evaluations changed after an instant. Every call is audited.
/// </summary>
public static class EvaluationsApi
{
    public const int DefaultLimit = 500;
    public const int MaxLimit = 2000;

    public static RouteGroupBuilder MapEvaluationsApi(this RouteGroupBuilder api)
    {
        var periods = api.MapGroup("/periods").WithTags("Vigencias y evaluaciones");

        periods.MapGet("", async (EgiDbContext db, CurrentUser me, CancellationToken ct) =>
            {
                var today = me.Today;
                var list = await db.Periods.AsNoTracking().OrderByDescending(p => p.Year).ToListAsync(ct);
                db.Audit("Consultar", "Vigencia", "", $"API: {list.Count} vigencias");
                await db.SaveChangesAsync(ct);
                return list.Select(p => ToDto(p, today)).ToList();
            })
            .RequireAuthorization(ApiPolicies.AnyRead)
            .WithName("ListarVigencias")
            .WithSummary(EvaluationMessages.Api.ListPeriodsSummary)
            .WithDescription(EvaluationMessages.Api.ListPeriodsDescription)
            .Produces<List<PeriodDto>>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        periods.MapGet("/{periodId:int}/evaluations", async Task<Results<Ok<PageDto<EvaluationSummaryDto>>, ProblemHttpResult>> (
                int periodId, EgiDbContext db, CancellationToken ct,
                [Description(EvaluationMessages.Api.EvaluationsSinceParameter)] string? since = null,
                [Description(EvaluationMessages.Api.CursorParameter)] string? cursor = null,
                [Description(EvaluationMessages.Api.EvaluationsLimitParameter)] string? limit = null) =>
            {
                if (await PeriodExistsAsync(db, periodId, ct) is { } missing) return missing;
                if (Parse(since, cursor, limit) is not { } paging) return BadPaging(since, cursor, limit);
                var rows = await Query(db, periodId, paging).Take(paging.Limit + 1)
                    .Select(x => new
                    {
                        x.E.Id,
                        x.E.UpdatedAt,
                        x.E.State,
                        x.E.Facts.WaitingOn,
                        Document = x.S.DocumentNumber,
                        Name = x.S.FirstNames + " " + x.S.LastNames,
                        DependencyCode = x.D.Code,
                        EvaluatorDocument = x.Ev.DocumentNumber,
                        EvaluatorName = x.Ev.FirstNames + " " + x.Ev.LastNames,
                        x.E.Facts.GoalsSubmittedOn,
                        x.E.Facts.GoalsReviewedOn,
                        x.E.Facts.GoalsAgreedOn,
                        x.E.Facts.FollowUpISubmittedOn,
                        x.E.Facts.FollowUpIReviewedOn,
                        x.E.Facts.FollowUpIAcceptedOn,
                        x.E.Facts.FollowUpIISubmittedOn,
                        x.E.Facts.FollowUpIIReviewedOn,
                        x.E.Facts.CompetenciesRatedOn,
                        x.E.Facts.FinalizedOn,
                        x.E.Facts.ClosedOn,
                    })
                    .ToListAsync(ct);
                var page = rows.Take(paging.Limit).ToList();
                var ids = page.Select(r => r.Id).ToList();
                var waits = (await (from e in db.Evaluations.AsNoTracking()
                                    where ids.Contains(e.Id)
                                    from w in e.Waits
                                    join s in db.Servants on w.ServantId equals s.Id
                                    select new { e.Id, s.DocumentNumber, Name = s.FirstNames + " " + s.LastNames, w.Action })
                        .ToListAsync(ct))
                    .ToLookup(w => w.Id);
                var items = page.Select(r => new EvaluationSummaryDto(
                    r.Id, r.Document, r.Name, r.DependencyCode, r.EvaluatorDocument, r.EvaluatorName,
                    r.State.ToString(), r.State.Label(), r.WaitingOn.ToString(),
                    waits[r.Id].OrderBy(w => w.DocumentNumber, StringComparer.Ordinal).Select(w => new WaitDto(w.DocumentNumber, w.Name, w.Action.ToString())).ToList(),
                    new StepDatesDto(r.GoalsSubmittedOn, r.GoalsReviewedOn, r.GoalsAgreedOn, r.FollowUpISubmittedOn, r.FollowUpIReviewedOn,
                        r.FollowUpIAcceptedOn, r.FollowUpIISubmittedOn, r.FollowUpIIReviewedOn, r.CompetenciesRatedOn, r.FinalizedOn, r.ClosedOn),
                    Utc(r.UpdatedAt))).ToList();
                var next = rows.Count > paging.Limit ? Cursor.Encode(page[^1].UpdatedAt, page[^1].Id) : null;
                db.Audit("Consultar", "Evaluación", "", $"API: {items.Count} evaluaciones de la vigencia {periodId}");
                await db.SaveChangesAsync(ct);
                return TypedResults.Ok(new PageDto<EvaluationSummaryDto>(items, next));
            })
            .RequireAuthorization(ApiPolicies.ResultsRead)
            .WithName("ListarEvaluaciones")
            .WithSummary(EvaluationMessages.Api.ListEvaluationsSummary)
            .WithDescription(EvaluationMessages.Api.ListEvaluationsDescription)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        periods.MapGet("/{periodId:int}/results", async Task<Results<Ok<PageDto<ResultDto>>, ProblemHttpResult>> (
                int periodId, EgiDbContext db, CancellationToken ct,
                [Description(EvaluationMessages.Api.ResultsSinceParameter)] string? since = null,
                [Description(EvaluationMessages.Api.CursorParameter)] string? cursor = null,
                [Description(EvaluationMessages.Api.ResultsLimitParameter)] string? limit = null) =>
            {
                if (await PeriodExistsAsync(db, periodId, ct) is { } missing) return missing;
                if (Parse(since, cursor, limit) is not { } paging) return BadPaging(since, cursor, limit);
                var rows = await ResultsAsync(Query(db, periodId, paging), paging.Limit + 1, ct);
                var page = rows.Take(paging.Limit).ToList();
                var next = rows.Count > paging.Limit ? Cursor.Encode(page[^1].UpdatedAt.UtcDateTime, page[^1].EvaluationId) : null;
                db.Audit("Exportar", "Resultados", periodId.ToString(CultureInfo.InvariantCulture), $"API: {page.Count} resultados finales (JSON)");
                await db.SaveChangesAsync(ct);
                return TypedResults.Ok(new PageDto<ResultDto>(page, next));
            })
            .RequireAuthorization(ApiPolicies.ResultsRead)
            .WithName("ListarResultados")
            .WithSummary(EvaluationMessages.Api.ListResultsSummary)
            .WithDescription(EvaluationMessages.Api.ListResultsDescription)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        periods.MapGet("/{periodId:int}/results.csv", async Task<IResult> (int periodId, EgiDbContext db, HttpContext http, CancellationToken ct) =>
            {
                if (await PeriodExistsAsync(db, periodId, ct) is { } missing) return missing;
                db.Audit("Exportar", "Resultados", periodId.ToString(CultureInfo.InvariantCulture), "API: resultados finales (CSV)");
                await db.SaveChangesAsync(ct);
                return new CsvResult(db, periodId);
            })
            .RequireAuthorization(ApiPolicies.ResultsRead)
            .WithName("DescargarResultadosCsv")
            .WithSummary(EvaluationMessages.Api.ResultsCsvSummary)
            .WithDescription(EvaluationMessages.Api.ResultsCsvDescription)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        return periods;
    }

    private static PeriodDto ToDto(Period p, DateOnly today) => new(p.Id, p.Year, p.Name, p.Status.ToString(), Period.StatusLabel(p.Status),
        StageInfo.All.Select(s => p.Window(s)).Select(w => new StageWindowDto(w.Stage.ToString(), w.Stage.Label(), w.Stage.Activities(), w.Start, w.End, w.Contains(today))).ToList());

    private static async Task<ProblemHttpResult?> PeriodExistsAsync(EgiDbContext db, int periodId, CancellationToken ct) =>
        await db.Periods.AnyAsync(p => p.Id == periodId, ct) ? null
            : TypedResults.Problem(title: EvaluationMessages.Api.PeriodNotFoundTitle, detail: EvaluationMessages.Api.PeriodNotFoundDetail(periodId), statusCode: StatusCodes.Status404NotFound);

    private sealed record Paging(DateTime? Since, (DateTime At, int Id)? After, int Limit);

    private static Paging? Parse(string? since, string? cursor, string? limit)
    {
        DateTime? sinceAt = null;
        if (!string.IsNullOrWhiteSpace(since))
        {
            if (!DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var s)) return null;
            sinceAt = s.UtcDateTime;
        }
        (DateTime, int)? after = null;
        if (!string.IsNullOrWhiteSpace(cursor))
        {
            if (Cursor.Decode(cursor) is not { } c) return null;
            after = c;
        }
        var size = DefaultLimit;
        if (!string.IsNullOrWhiteSpace(limit) && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxLimit)) return null;
        return new Paging(sinceAt, after, size);
    }

    private static ProblemHttpResult BadPaging(string? since, string? cursor, string? limit)
    {
        var problems = new List<string>();
        if (!string.IsNullOrWhiteSpace(since) && !DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
            problems.Add(EvaluationMessages.Api.SinceInvalid(since));
        if (!string.IsNullOrWhiteSpace(cursor) && Cursor.Decode(cursor) is null)
            problems.Add(EvaluationMessages.Api.CursorInvalid);
        if (!string.IsNullOrWhiteSpace(limit) && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > MaxLimit))
            problems.Add(EvaluationMessages.Api.LimitInvalid(limit, MaxLimit));
        return TypedResults.Problem(title: EvaluationMessages.Api.PagingInvalidTitle, detail: string.Join(" ", problems), statusCode: StatusCodes.Status400BadRequest);
    }

    // A member-init type (not a positional record): EF Core translates member access on it in later operators.
    private sealed class Row
    {
        public Evaluation E { get; init; } = null!;
        public Domain.Directory.Servant S { get; init; } = null!;
        public Domain.Directory.Servant Ev { get; init; } = null!;
        public Domain.Directory.Dependency D { get; init; } = null!;
    }

    /// <summary>A period's evaluations with their evaluado, evaluator and dependencia, after «since» and the cursor, in (UpdatedAt, Id) order.</summary>
    private static IQueryable<Row> Query(EgiDbContext db, int periodId, Paging paging)
    {
        var evaluations = db.Evaluations.AsNoTracking().Where(e => e.PeriodId == periodId);
        if (paging.Since is { } since) evaluations = evaluations.Where(e => e.UpdatedAt > since);
        if (paging.After is { } after) evaluations = evaluations.Where(e => e.UpdatedAt > after.At || (e.UpdatedAt == after.At && e.Id > after.Id));
        return from e in evaluations
               join s in db.Servants on e.EvaluadoId equals s.Id
               join ev in db.Servants on e.EvaluatorId equals ev.Id
               join d in db.Dependencies on s.DependencyId equals d.Id
               orderby e.UpdatedAt, e.Id
               select new Row { E = e, S = s, Ev = ev, D = d };
    }

    /// <summary>The finalized evaluations of <paramref name="rows"/>, at most <paramref name="take"/>, with their scores.</summary>
    private static async Task<List<ResultDto>> ResultsAsync(IQueryable<Row> rows, int take, CancellationToken ct) =>
        (await rows.Where(x => x.E.State == EvaluationState.Finalized && x.E.Facts.FinalScore != null)
            .Take(take)
            .Select(x => new
            {
                x.E.Id,
                x.S.DocumentNumber,
                Name = x.S.FirstNames + " " + x.S.LastNames,
                x.D.Code,
                DependencyName = x.D.Name,
                x.S.JobTitle,
                x.S.JobCode,
                x.S.JobGrade,
                x.E.Facts.GoalsComponent,
                x.E.Facts.CompetenciesComponent,
                x.E.Facts.FinalScore,
                x.E.Facts.Level,
                x.E.Facts.FinalizedOn,
                x.E.UpdatedAt,
            })
            .ToListAsync(ct))
        .Select(r => new ResultDto(r.Id, r.DocumentNumber, r.Name, r.Code, r.DependencyName, r.JobTitle, r.JobCode, r.JobGrade,
            r.GoalsComponent ?? 0, r.CompetenciesComponent ?? 0, r.FinalScore!.Value, r.Level?.ToString() ?? "", r.Level?.Label() ?? "",
            r.FinalizedOn, Utc(r.UpdatedAt)))
        .ToList();

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));

    /// <summary>An opaque cursor: the (UpdatedAt, Id) of the last row of a page, base64url.</summary>
    internal static class Cursor
    {
        public static string Encode(DateTime at, int id) =>
            Convert.ToBase64String(Encoding.ASCII.GetBytes($"{at.Ticks.ToString(CultureInfo.InvariantCulture)}:{id.ToString(CultureInfo.InvariantCulture)}"))
                .TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public static (DateTime At, int Id)? Decode(string? cursor)
        {
            if (string.IsNullOrWhiteSpace(cursor) || cursor.Length > 60) return null;
            try
            {
                var b64 = cursor.Replace('-', '+').Replace('_', '/');
                b64 = b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '=');
                var parts = Encoding.ASCII.GetString(Convert.FromBase64String(b64)).Split(':');
                return parts.Length == 2
                    && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTime.MaxValue.Ticks
                    && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                    ? (new DateTime(ticks, DateTimeKind.Utc), id) : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }

    /// <summary>Every final result of a period as CSV, read in batches of 1000 by the same cursor and streamed.</summary>
    private sealed class CsvResult(EgiDbContext db, int periodId) : IResult
    {
        private static readonly string[] Header =
        [
            "Número de documento", "Nombres y apellidos", "Código de la dependencia", "Dependencia", "Denominación del empleo", "Código", "Grado",
            "Componente de metas", "Componente de competencias", "Calificación final", "Nivel", "Fecha de finalización",
        ];

        public async Task ExecuteAsync(HttpContext http)
        {
            var ct = http.RequestAborted;
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"resultados-vigencia-{periodId}.csv\"";
            await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            await writer.WriteAsync(string.Join(',', Header.Select(CsvField)) + "\r\n");
            var paging = new Paging(null, null, 1000);
            while (true)
            {
                var batch = await ResultsAsync(Query(db, periodId, paging), paging.Limit, ct);
                foreach (var r in batch)
                {
                    string[] fields =
                    [
                        r.DocumentNumber, r.FullName, r.DependencyCode, r.DependencyName, r.JobTitle, r.JobCode, r.JobGrade,
                        Number(r.GoalsComponent), Number(r.CompetenciesComponent), Number(r.FinalScore), r.LevelLabel,
                        r.FinalizedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                    ];
                    await writer.WriteAsync(string.Join(',', fields.Select(CsvField)) + "\r\n");
                }
                if (batch.Count < paging.Limit) break;
                paging = paging with { After = (batch[^1].UpdatedAt.UtcDateTime, batch[^1].EvaluationId) };
            }
            await writer.FlushAsync(ct);
        }

        /// <summary>A comma-separated field; text that would be a formula (= + - @ tab CR) gets a leading apostrophe.</summary>
        private static string CsvField(string? value) => Egi.Web.Reports.SpreadsheetText.CsvField(value, ',');

        private static string Number(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
    }
}
