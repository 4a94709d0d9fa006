using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Egi.Web.Features;

/// <summary>Spanish error page for exceptions and status codes. Never shows a stack trace.</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }
    public string? RequestId { get; private set; }

    public string Heading => Code switch
    {
        400 => "Solicitud no válida",
        403 => "Acceso denegado",
        404 => "Página no encontrada",
        405 => "Operación no permitida",
        413 => "Archivo demasiado grande",
        _ => "Ocurrió un error",
    };

    public string Explanation => Code switch
    {
        400 => "La solicitud no se pudo procesar. Vuelva a la página anterior e intente de nuevo.",
        403 => "Su cuenta no tiene permiso para ver o modificar este recurso. Si cree que es un error, comuníquese con Talento Humano.",
        404 => "La página o el registro que busca no existe o ya no está disponible.",
        405 => "Esta operación no está permitida en esta dirección.",
        413 => HttpContext.Items[Infrastructure.UploadLimitMiddleware.MessageItem] as string ?? "El archivo supera el tamaño máximo permitido.",
        _ => "No pudimos completar la operación. Lo que ya estaba guardado sigue guardado. Intente de nuevo en unos minutos; si el problema continúa, informe a soporte el código de la solicitud.",
    };

    public void OnGet(int? code) => Set(code);

    public void OnPost(int? code) => Set(code);

    private void Set(int? code)
    {
        Code = code ?? 500;
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        if (code is null) Response.StatusCode = 500;
    }
}
