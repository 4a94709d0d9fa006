namespace Egi.Web.Infrastructure;

/// <summary>The roles granted by Talento Humano. Evaluado and Jefe come from the directory, not from roles.</summary>
public static class EgiRoles
{
    public const string TalentoHumano = "TalentoHumano";
    public const string Planeacion = "Planeacion";
    public const string Consulta = "Consulta";

    public static IReadOnlyList<string> All { get; } = [TalentoHumano, Planeacion, Consulta];

    public static string Label(string role) => role switch
    {
        TalentoHumano => "Talento Humano",
        Planeacion => "Planeación",
        Consulta => "Consulta",
        _ => role,
    };
}

/// <summary>Authorization policy names.</summary>
public static class Policies
{
    /// <summary>Talento Humano only: directory, periods, settings, audit.</summary>
    public const string TalentoHumano = "TalentoHumano";

    /// <summary>Reads of reports and dashboards: Talento Humano or Consulta.</summary>
    public const string Reports = "Reports";

    /// <summary>Institutional plans: Planeación or Talento Humano.</summary>
    public const string Plans = "Plans";

    /// <summary>Reads of the process records (institutional plans, coverage, sessions, annual work plan):
    /// Talento Humano, Planeación or Consulta. Edits are checked per handler.</summary>
    public const string ProcessRead = "ProcessRead";
}
