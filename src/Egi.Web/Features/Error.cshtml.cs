using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Egi.Web.Infrastructure.Api;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Egi.Web.Features;

/// <summary>
/// Spanish error page for exceptions and status codes; for a request to /api, a Spanish problem instead. Never shows a
/// stack trace.
/// </summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }
    public string? RequestId { get; private set; }

    /// <summary>For 429 and 503: how long to wait, as the limiter said (also in the Retry-After header).</summary>
    public int RetryAfterSeconds { get; private set; } = 60;

    /// <summary>A 503 of the consolidation pages' turns (<see cref="Infrastructure.Security.ConsolidationLimit"/>), not another one.</summary>
    private bool Busy => HttpContext.Items.ContainsKey(Infrastructure.Security.ConsolidationLimit.RefusedItem);

    /// <summary>A 503 because the database could not be used in time (<see cref="IsUnavailable"/>).</summary>
    private bool DatabaseBusy { get; set; }

    /// <summary>How long a person is asked to wait when the database could not be used in time.</summary>
    public const int DatabaseRetrySeconds = 10;

    public string Heading => Code switch
    {
        400 => "Solicitud no válida",
        403 => "Acceso denegado",
        404 => "Página no encontrada",
        405 => "Operación no permitida",
        409 => "Otro cambio se guardaba al mismo tiempo",
        413 => "Archivo demasiado grande",
        429 => "Demasiados intentos seguidos",
        503 => Busy || DatabaseBusy ? "El sistema está ocupado" : "Servicio no disponible",
        _ => "Ocurrió un error",
    };

    public string Explanation => Code switch
    {
        400 => "La solicitud no se pudo procesar. Vuelva a la página anterior e intente de nuevo.",
        403 => "Su cuenta no tiene permiso para ver o modificar este recurso. Si cree que es un error, comuníquese con Talento Humano.",
        404 => "La página o el registro que busca no existe o ya no está disponible.",
        405 => "Esta operación no está permitida en esta dirección.",
        409 => "Mientras se guardaba su cambio, se guardaba otro que tocaba los mismos datos, y EGI detuvo el suyo para no mezclarlos: "
            + "no se guardó nada de esta solicitud, y lo que ya estaba guardado sigue guardado. Vuelva a la página anterior y envíelo de nuevo.",
        413 => HttpContext.Items[Infrastructure.UploadLimitMiddleware.MessageItem] as string ?? "Lo enviado supera el tamaño máximo que acepta el servidor. No se guardó nada.",
        429 => $"Por seguridad, EGI limita los intentos seguidos desde un mismo equipo y para una misma cuenta. Espere {Infrastructure.Security.RateLimits.WaitText(RetryAfterSeconds)} e intente de nuevo.",
        503 when Busy => Infrastructure.Security.ConsolidationLimit.BusyText(RetryAfterSeconds),
        503 when DatabaseBusy => "EGI no pudo usar la base de datos a tiempo: hay muchas solicitudes al mismo tiempo o la base de datos no "
            + $"responde. Lo que ya estaba guardado sigue guardado. Espere {Infrastructure.Security.RateLimits.WaitText(RetryAfterSeconds)} e intente de "
            + "nuevo; si estaba enviando un formulario, revise primero si su cambio aparece.",
        503 => "EGI no puede atender la solicitud en este momento. Lo que ya estaba guardado sigue guardado. Intente de nuevo en unos minutos.",
        _ => "No pudimos completar la operación. Lo que ya estaba guardado sigue guardado. Intente de nuevo en unos minutos; si el problema continúa, informe a soporte el código de la solicitud.",
    };

    /// <summary>
    /// The Spanish page; for a request to the API, the same answer as a Spanish problem (<see cref="ApiProblems"/>). The
    /// code comes from the re-execution's query string only: a re-executed POST keeps its form, which may have a field
    /// named "code" (the password-reset form does).
    /// </summary>
    public async Task<IActionResult> OnGetAsync([FromQuery] int? code)
    {
        Set(code);
        if (!ApiProblems.ForApi(HttpContext)) return Page();
        var wait = Infrastructure.Security.RateLimits.WaitText(RetryAfterSeconds);
        var tooLarge = HttpContext.Items[Infrastructure.UploadLimitMiddleware.MessageItem] as string;
        await ApiProblems.WriteAsync(HttpContext, Code, ApiProblems.Title(Code, DatabaseBusy),
            ApiProblems.Detail(Code, Request.Method, wait, DatabaseBusy, tooLarge, Code == 400 ? ApiProblems.BadQueryParameter(HttpContext) : null),
            Code >= 500 ? RequestId : null);
        return new EmptyResult();
    }

    /// <summary>
    /// A failed request is re-executed here with its own method: a POST form, or a PUT, DELETE or PATCH to the API (a 405,
    /// or an error). Every method gets <see cref="OnGetAsync"/>: without a handler of its own, the page would render
    /// without its code, and the API's answer would be this HTML page.
    /// </summary>
    [NonHandler] // A filter's hook, not a handler of the page (Razor Pages takes every public On… method for one).
    public override void OnPageHandlerSelected(Microsoft.AspNetCore.Mvc.Filters.PageHandlerSelectedContext context) =>
        context.HandlerMethod ??= context.ActionDescriptor.HandlerMethods.Single(h => h.HttpMethod == "Get");

    private void Set(int? code)
    {
        // Reached after an exception (the handler re-executes with the feature set) or for a status code (?code=).
        // Asked for directly, there is no error to show: the address is not a page of its own.
        var exception = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>();
        Code = code ?? (exception is null ? 404
            // What the server refused to read (a body past its limit, a malformed request) keeps the status it was given.
            : exception.Error is BadHttpRequestException bad ? bad.StatusCode
            : IsConflict(exception.Error) ? 409 : IsUnavailable(exception.Error) ? 503 : 500);
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        if (code is null) Response.StatusCode = Code;
        if (code is null && Code == 503)
        {
            DatabaseBusy = true;
            HttpContext.Items[Infrastructure.Security.RateLimits.RetryAfterItem] = DatabaseRetrySeconds;
        }
        if (Code is 429 or 503 && HttpContext.Items[Infrastructure.Security.RateLimits.RetryAfterItem] is int seconds)
        {
            RetryAfterSeconds = seconds;
            Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>
    /// PostgreSQL refused the transaction because another one needed what it held (a deadlock between two saves, which
    /// it detects and ends by refusing one: <see cref="Shared.DependencyTallies.LockAsync"/>), or could not serialize
    /// it: nothing of it was written, and sending it again works.
    /// </summary>
    public static bool IsConflict(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
            if (e is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.DeadlockDetected or Npgsql.PostgresErrorCodes.SerializationFailure })
                return true;
        return false;
    }

    /// <summary>
    /// The database could not be used in time: no connection of the pool came free within its wait (every one busy on
    /// the last day of a window), PostgreSQL could not be reached or refused new connections, a statement ran past its
    /// time (Npgsql marks each of these transient), or SQLite's database stayed locked past its wait. The request did not
    /// complete; trying again later works. Only the database drivers' exceptions: a timeout elsewhere (an HTTP call) is
    /// not the database's, and the page would say it was.
    /// </summary>
    public static bool IsUnavailable(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
            if (e is Npgsql.NpgsqlException { IsTransient: true } or Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked })
                return true;
        return false;
    }

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
}
