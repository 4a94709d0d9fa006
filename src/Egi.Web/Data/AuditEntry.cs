namespace Egi.Web.Data;

/// <summary>One line of the append-only audit trail (SPEC §9).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string? UserId { get; set; }
    public string UserName { get; set; } = "";
    public string Roles { get; set; } = "";

    /// <summary>Spanish verb: Crear, Modificar, Eliminar, Importar, Exportar, Iniciar sesión…</summary>
    public string Action { get; set; } = "";
    public string EntityType { get; set; } = "";
    public string EntityId { get; set; } = "";
    public string Summary { get; set; } = "";
    public string? Before { get; set; }
    public string? After { get; set; }
    public string? Ip { get; set; }
}
