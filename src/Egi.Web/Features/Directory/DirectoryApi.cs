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
    [property: Description("Identificador del trabajo (el de su dirección, «Location»).")] long Id,
    [property: Description("Estado: «Queued» (en cola), «Running» (aplicándose), «Succeeded» (aplicada) o «Failed» (rechazada: no se guardó nada).")] string State,
    [property: Description("El estado en español.")] string StateLabel,
    [property: Description("Pasos de la aplicación: cada dependencia, cada servidor y luego la cuenta de cada uno (estimados al recibir la solicitud).")] int Total,
    [property: Description("Pasos hechos hasta ahora.")] int Processed,
    [property: Description("Avance de 0 a 100 (100 al terminar bien).")] int Percent,
    [property: Description("Cuándo se recibió (UTC).")] DateTime CreatedAt,
    [property: Description("Cuándo empezó a aplicarse (UTC); vacío mientras está en cola.")] DateTime? StartedAt,
    [property: Description("Cuándo terminó (UTC); vacío mientras no termina.")] DateTime? FinishedAt,
    [property: Description("Al terminar: el resumen de lo aplicado, o por qué no se aplicó, en español.")] string? Message,
    [property: Description("Al terminar bien: lo mismo que responde la sincronización en la misma respuesta (con «applied» en true).")] DirectorySyncResult? Result,
    [property: Description("Si falló: los problemas, con la forma del 422 (sección, fila, campo, valor, mensaje). No se guardó ningún cambio.")] IReadOnlyList<SyncError> Errors)
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
            .WithSummary("Dependencias de la entidad")
            .WithDescription("Todas las dependencias, activas o no, con su código y su dependencia superior. Exige el permiso `directorio:leer`, o una sesión de Talento Humano o Consulta.")
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
            .WithSummary("Servidores del directorio, con su elegibilidad")
            .WithDescription("Los servidores vinculados (con «includeRetired=true», también los retirados), con su empleo, dependencia, jefe inmediato y si son evaluables hoy y por qué. Exige el permiso `directorio:leer`, o una sesión de Talento Humano o Consulta.")
            .ProducesProblems(reads);

        group.MapGet("/servants/{document}", async Task<Results<Ok<ServantDto>, NotFound>> (string document, EgiDbContext db, CurrentUser me, CancellationToken ct) =>
            {
                var doc = ServantInput.NormalizeDocument(document);
                var s = await db.Servants.AsNoTracking().FirstOrDefaultAsync(x => x.DocumentNumber == doc, ct);
                if (s is null) return TypedResults.NotFound();
                var bossDoc = s.BossId is { } b ? await db.Servants.Where(x => x.Id == b).Select(x => x.DocumentNumber).FirstOrDefaultAsync(ct) : null;
                db.Audit("Consultar", AuditEntities.Servant, s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"API: {s.FullName}");
                await db.SaveChangesAsync(ct);
                var docs = new Dictionary<int, string>();
                if (s.BossId is { } bid && bossDoc is not null) docs[bid] = bossDoc;
                return TypedResults.Ok(ToDto(s, docs, me.Today));
            })
            .RequireAuthorization(ApiPolicies.DirectoryRead)
            .WithName("ConsultarServidor")
            .WithSummary("Un servidor por número de documento (con o sin puntos)")
            .WithDescription("Un servidor del directorio, vinculado o retirado. 404 si no hay ninguno con ese documento. Exige el permiso `directorio:leer`, o una sesión de Talento Humano o Consulta.")
            .ProducesProblems(reads);

        group.MapPost("/sync", async Task<IResult> (HttpRequest request, DirectorySync sync, EgiDbContext db, CurrentUser me, DirectoryJobQueue jobs,
                IConfiguration config, CancellationToken ct,
                [Description("true: solo valida y devuelve la vista previa de lo que cambiaría, sin guardar nada (siempre en la misma respuesta).")] bool dryRun = false,
                [FromQuery(Name = "async"), Description("true: valida en la misma respuesta y, si no hay errores, aplica en segundo plano aunque la solicitud sea pequeña (202 y el trabajo en «Location»).")] bool runAsync = false,
                [FromHeader(Name = "Prefer"), Description("«respond-async» (RFC 7240) pide lo mismo que «async=true».")] string? prefer = null) =>
            {
                DirectorySyncRequest? body;
                try
                {
                    body = await request.ReadFromJsonAsync<DirectorySyncRequest>(ct);
                }
                catch (System.Text.Json.JsonException e)
                {
                    return await SyncProblemAsync(db, StatusCodes.Status400BadRequest, "El cuerpo no es un JSON válido",
                        $"El cuerpo de la solicitud no se pudo leer como JSON{(e.Path is { Length: > 0 } path ? $" (en {path})" : "")}: revise la sintaxis y que cada campo tenga el tipo descrito (textos entre comillas; «hasStaff» e «isPublicManager», true o false).", []);
                }
                catch (InvalidOperationException)
                {
                    return await SyncProblemAsync(db, StatusCodes.Status415UnsupportedMediaType, "Tipo de contenido no admitido",
                        "Envíe el cuerpo como JSON, con el encabezado «Content-Type: application/json».", []);
                }
                if (body is null)
                    return await SyncProblemAsync(db, StatusCodes.Status400BadRequest, "Falta el cuerpo", "Envíe un objeto JSON con «dependencies» y/o «servants».", []);

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
            .WithSummary("Sincronizar dependencias y servidores (carga masiva)")
            .WithDescription("""
                Crea o actualiza dependencias (por código) y servidores (por número de documento) con exactamente las reglas de la importación de servidores: mismas validaciones, mismos mensajes, todo o nada. Repetir la misma solicitud no cambia nada (idempotente). Los servidores que no vienen no se tocan; un retiro se informa con «retirementDate».

                Con «dryRun=true» solo valida y devuelve la vista previa (qué se crearía y qué cambiaría en cada uno). Si hay errores responde 422 con un problema RFC 9457 cuya extensión «errors» lista cada uno: sección, posición en la lista («row», desde 1), campo (columna de la plantilla), valor y mensaje; y no guarda nada.

                Toda la solicitud se valida en la misma respuesta. Si es válida y crea o actualiza más de 1 000 dependencias y servidores (configurable), o si el cliente lo pide con «async=true» o el encabezado «Prefer: respond-async», no se aplica en la respuesta: se responde 202 con el estado del trabajo y su dirección en «Location» (`GET /api/v1/directory/sync/jobs/{id}`), que se consulta hasta que termine (el encabezado «Retry-After» sugiere cada cuántos segundos). El trabajo se aplica igual, todo o nada; si al aplicarlo el directorio ya no lo admite (otra persona lo cambió), termina «Failed» con sus errores y no guarda nada. Una vista previa («dryRun=true») siempre responde en la misma respuesta.

                Exige una clave con el permiso `directorio:escribir`.
                """)
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
                    return TypedResults.Problem(title: "No existe ese trabajo",
                        detail: $"No hay un trabajo de sincronización {id} iniciado con esta clave (cada clave consulta solo los suyos).",
                        statusCode: StatusCodes.Status404NotFound);
                db.Audit("Consultar", "Sincronización", id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"API: trabajo {id}, {job.State.Label().ToLowerInvariant()}");
                await db.SaveChangesAsync(ct);
                if (!job.Done) http.Response.Headers.RetryAfter = PollAfterSeconds;
                return TypedResults.Ok(SyncJobStatus.Of(job));
            })
            .RequireAuthorization(ApiPolicies.DirectoryWrite)
            .WithName("ConsultarSincronizacion")
            .WithSummary("Estado de una sincronización en segundo plano")
            .WithDescription("""
                El trabajo que dejó una sincronización grande (la dirección que vino en «Location» con el 202): su estado («Queued», «Running», «Succeeded» o «Failed»), su avance y, al terminar, lo mismo que responde la sincronización en la misma respuesta: el resumen («result») si se aplicó, o los errores («errors», con la forma del 422) si no se guardó nada. Mientras no termina lleva «Retry-After» (segundos).

                Solo la clave que lo inició lo consulta (para cualquier otra, 404). Exige una clave con el permiso `directorio:escribir`.
                """)
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
