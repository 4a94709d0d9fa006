namespace Egi.Web.Features.Competencies;

/// <summary>Every confirmation the competency catalogue pages show, in one place.</summary>
public static class CompetencyMessages
{
    public static string Added(string name, string code, string group) => $"Se agregó la competencia «{name}» ({code}) a «{group}».";
    public static string Saved(string name) => $"Se guardó la competencia «{name}».";
    public static string Activated(string name) => $"La competencia «{name}» quedó activa: se califica desde ahora.";
    public static string Deactivated(string name) => $"La competencia «{name}» quedó inactiva: ya no se califica en las nuevas calificaciones.";
}
