namespace Egi.Web.Features.Shared;

/// <summary>The audit trail's actions of reading and exporting (reports, dashboard, control points, records).</summary>
public static class AuditActions
{
    public const string Read = "Consultar";
    public const string Export = "Exportar";
}
