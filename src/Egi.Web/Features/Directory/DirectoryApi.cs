using System.ComponentModel;
using Egi.Domain.Directory;
using Egi.Web.Features.ApiKeys;
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
                db.Audit("Exportar", "Servidor", "", $"API: {result.Count} servidores");
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
                db.Audit("Consultar", "Servidor", s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"API: {s.FullName}");
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

        group.MapPost("/sync", async Task<IResult> (HttpRequest request, DirectorySync sync, EgiDbContext db, CurrentUser me, CancellationToken ct,
                [Description("true: solo valida y devuelve la vista previa de lo que cambiaría, sin guardar nada.")] bool dryRun = false) =>
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
                var outcome = await sync.RunAsync(body, dryRun, source, me.Today, ct);
                if (outcome.Errors.Count > 0)
                {
                    return outcome.Conflict
                        ? await SyncProblemAsync(db, StatusCodes.Status409Conflict, "El directorio cambió durante la sincronización",
                            "Otra persona modificó el directorio al mismo tiempo; no se guardó ningún cambio. Repita la solicitud.", outcome.Errors)
                        : await SyncProblemAsync(db, StatusCodes.Status422UnprocessableEntity, "La sincronización tiene errores",
                            $"Se encontraron {outcome.Errors.Count} problemas (la lista «errors» dice cuál, dónde y qué se espera). No se guardó ningún cambio: corríjalos y envíe de nuevo la solicitud completa.",
                            outcome.Errors);
                }
                var r = outcome.Result!;
                db.Audit("Sincronizar", "Directorio", "", (r.DryRun ? "Vista previa: " : "") +
                    $"dependencias {r.Dependencies.Created} creadas, {r.Dependencies.Updated} actualizadas, {r.Dependencies.Unchanged} sin cambios; " +
                    $"servidores {r.Servants.Created} creados, {r.Servants.Updated} actualizados, {r.Servants.Unchanged} sin cambios");
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

                Exige una clave con el permiso `directorio:escribir`.
                """)
            .Produces<DirectorySyncResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
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
