namespace Egi.Web.Infrastructure.Api;

/// <summary>
/// What the API answers when an endpoint could not: a Spanish problem (RFC 9457, <c>application/problem+json</c>) for
/// every status an endpoint does not write itself — an address or a record that does not exist, a method the address
/// does not take, no identification, an error, a conflict between two saves, a database that could not be used in
/// time. The error page (<see cref="Features.ErrorModel"/>) writes it instead of the HTML page when the request was to
/// /api, so an integration never has to read a page meant for a person.
/// </summary>
public static class ApiProblems
{
    public const string UnauthenticatedTitle = "No autenticado";
    public const string UnauthenticatedDetail = "Identifíquese con una clave de API (encabezado «Authorization: Bearer egi_…») o inicie sesión.";
    public const string ForbiddenTitle = "Sin permiso";
    public const string ForbiddenDetail = "La clave de API o la cuenta no tiene el permiso (alcance) que exige esta operación.";

    /// <summary>The extension that carries the request's code, as the error page shows it to a person.</summary>
    public const string TraceIdExtension = "traceId";

    public static string Title(int status, bool databaseBusy) => status switch
    {
        400 => "Solicitud no válida",
        401 => UnauthenticatedTitle,
        403 => ForbiddenTitle,
        404 => "No encontrado",
        405 => "Método no permitido",
        409 => "Otro cambio se guardaba al mismo tiempo",
        413 => "Cuerpo demasiado grande",
        415 => "Tipo de contenido no admitido",
        429 => "Demasiadas solicitudes",
        503 => databaseBusy ? "El sistema está ocupado" : "Servicio no disponible",
        _ => "Ocurrió un error",
    };

    /// <param name="status">The answer's status.</param>
    /// <param name="method">The request's method (named by a 405).</param>
    /// <param name="waitText">How long to wait, in words (a 429 or 503).</param>
    /// <param name="databaseBusy">A 503 because the database could not be used in time.</param>
    /// <param name="tooLarge">The limit's own message for a 413, when the upload limit wrote one.</param>
    /// <param name="badParameter">For a 400, the query parameter that could not be read (<see cref="BadQueryParameter"/>).</param>
    public static string Detail(int status, string method, string waitText, bool databaseBusy, string? tooLarge, string? badParameter) => status switch
    {
        400 => badParameter ?? "La solicitud no se pudo procesar. Revise la dirección, sus parámetros y el cuerpo según la referencia de la API (/openapi/v1.json).",
        401 => UnauthenticatedDetail,
        403 => ForbiddenDetail,
        404 => "La dirección o el registro pedido no existe en la API de EGI. Revise la ruta (/api/v1/…) y el identificador en la referencia de la API (/openapi/v1.json).",
        405 => $"Esta dirección de la API no admite el método {method}. Revise en la referencia de la API (/openapi/v1.json) los métodos de cada dirección.",
        409 => "Mientras se guardaba esta solicitud se guardaba otra que tocaba los mismos datos, y EGI detuvo esta para no mezclarlas: "
            + "no se guardó nada de ella, y lo que ya estaba guardado sigue guardado. Envíela de nuevo.",
        413 => tooLarge ?? "El cuerpo de la solicitud supera el tamaño máximo que acepta el servidor. No se guardó nada de ella.",
        415 => "El tipo de contenido (encabezado Content-Type) no es el que admite esta dirección. Envíe «application/json».",
        429 => $"Se superó el límite de solicitudes. Intente de nuevo en {waitText}.",
        503 when databaseBusy => "EGI no pudo usar la base de datos a tiempo: hay muchas solicitudes al mismo tiempo o la base de datos no responde. "
            + $"Lo que ya estaba guardado sigue guardado. Espere {waitText} (encabezado Retry-After) e intente de nuevo; si enviaba un cambio, "
            + "revise primero si quedó guardado.",
        503 => $"EGI no puede atender la solicitud en este momento. Lo que ya estaba guardado sigue guardado. Intente de nuevo en {waitText}.",
        _ => "No pudimos completar la solicitud. Lo que ya estaba guardado sigue guardado. Intente de nuevo en unos minutos; si el problema "
            + $"continúa, informe a soporte el código de la solicitud ({TraceIdExtension}).",
    };

    /// <summary>
    /// For a 400 of an endpoint whose query parameter could not be read (the framework answers it without a body), the
    /// parameter, the value sent and what it takes, read again from the original request against the endpoint's own
    /// parameters; null when none of them is the cause.
    /// </summary>
    public static string? BadQueryParameter(HttpContext context)
    {
        if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not { Endpoint: { } endpoint } original)
            return null;
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(original.OriginalQueryString);
        foreach (var parameter in endpoint.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Http.Metadata.IParameterBindingMetadata>())
        {
            var attributes = parameter.ParameterInfo.GetCustomAttributes(inherit: true);
            if (attributes.Any(a => a is Microsoft.AspNetCore.Http.Metadata.IFromRouteMetadata or Microsoft.AspNetCore.Http.Metadata.IFromHeaderMetadata
                    or Microsoft.AspNetCore.Http.Metadata.IFromBodyMetadata or Microsoft.AspNetCore.Http.Metadata.IFromFormMetadata))
                continue;
            var name = attributes.OfType<Microsoft.AspNetCore.Http.Metadata.IFromQueryMetadata>().FirstOrDefault()?.Name ?? parameter.Name;
            if (!query.TryGetValue(name, out var values)) continue;
            var type = Nullable.GetUnderlyingType(parameter.ParameterInfo.ParameterType) ?? parameter.ParameterInfo.ParameterType;
            var value = values.ToString();
            var expected = Expected(type, value);
            // The value as sent, cut short: the answer repeats what the caller wrote, not a whole query string of it.
            if (expected is not null) return $"El parámetro «{name}» no admite el valor «{(value.Length > 40 ? value[..40] + "…" : value)}»: {expected}.";
        }
        return null;
    }

    /// <summary>What a query parameter of <paramref name="type"/> takes, when <paramref name="value"/> is not that; else null.</summary>
    private static string? Expected(Type type, string value)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        if (type == typeof(bool)) return bool.TryParse(value, out _) ? null : "se espera true o false";
        if (type == typeof(int)) return int.TryParse(value, System.Globalization.NumberStyles.Integer, invariant, out _) ? null : "se espera un número entero";
        if (type == typeof(long)) return long.TryParse(value, System.Globalization.NumberStyles.Integer, invariant, out _) ? null : "se espera un número entero";
        if (type == typeof(DateOnly)) return DateOnly.TryParse(value, invariant, out _) ? null : "se espera una fecha AAAA-MM-DD";
        return null;
    }

    /// <summary>Whether the request (or, re-executed for an error, the request that failed) was to the API.</summary>
    public static bool ForApi(HttpContext context)
    {
        var original = context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>()?.OriginalPath
            ?? context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>()?.Path;
        return original is not null && new PathString(original).StartsWithSegments("/api");
    }

    /// <summary>Writes the problem with the status already set on the response (or <paramref name="status"/>).</summary>
    public static Task WriteAsync(HttpContext context, int status, string title, string detail, string? traceId = null) =>
        Results.Problem(detail: detail, title: title, statusCode: status, type: TypeOf(status),
            extensions: traceId is null ? null : new Dictionary<string, object?> { [TraceIdExtension] = traceId }).ExecuteAsync(context);

    /// <summary>The problem's type for the statuses ASP.NET Core gives none (it fills in the others from RFC 9110).</summary>
    private static string? TypeOf(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        StatusCodes.Status429TooManyRequests => "https://tools.ietf.org/html/rfc6585#section-4",
        _ => null,
    };
}
