namespace Egi.Web.Features.Periods;

/// <summary>Every confirmation and form error the period pages show, in one place.</summary>
public static class PeriodMessages
{
    public static string Opened(string period) => $"Se abrió la «{period}».";
    public static string Closed(string period) => $"Se cerró la «{period}»; queda en solo lectura.";
    public static string Reopened(string period) => $"Se reabrió la «{period}»: sus evaluaciones vuelven a admitir cambios.";
    public static string PeopleNotified(int n) => $" Se avisó a {n} persona{(n == 1 ? "" : "s")}.";
    public static string EvaluationsOpened(int n) => $" Se abrieron {n} evaluaciones.";
    public static string WithoutEvaluator(IEnumerable<string> names) => $" Sin jefe inmediato activo (asigne un evaluador): {string.Join(", ", names)}.";
    public const string WindowsUnchanged = "Las ventanas no cambiaron.";
    public const string YearInvalid = "Escriba el «Año» con cuatro dígitos, por ejemplo 2027.";
    public static string Created(string period) =>
        $"Se creó la «{period}» con las ventanas y la configuración predeterminadas. Revise las ventanas y ajústelas si hace falta.";
}
