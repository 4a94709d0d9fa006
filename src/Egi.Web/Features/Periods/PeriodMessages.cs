using Egi.Domain.Calendar;

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
    public static string ConfirmationMissing(string verb, string period) => $"Marque la casilla para confirmar que desea {verb} la «{period}».";

    // Stage windows
    public static string WindowDatesMissing(Stage stage) => $"«{stage.Label()}»: faltan las fechas.";
    public static string WindowStartInvalid(Stage stage, int year) => $"«{stage.Label()}»: la fecha de inicio no es válida; escriba una fecha como 01/01/{year}.";
    public static string WindowEndInvalid(Stage stage, int year) => $"«{stage.Label()}»: la fecha de cierre no es válida; escriba una fecha como 31/03/{year}.";
    public static string WindowsSaved(string period) => $"Se guardaron las ventanas de la «{period}».";
    public static string WindowsReset(string period) => $"Se restablecieron las ventanas predeterminadas de la «{period}».";

    // Settings
    public static string SettingsSaved(string period) => $"Se guardó la configuración de la «{period}».";
    public static string SettingsReset(string period) => $"Se restablecieron los valores predeterminados de la «{period}».";
    public static string EvidenceSizeOverServerMax(int serverMax, int typed) =>
        $"El «Tamaño máximo de evidencia» no puede superar {serverMax} MB, el máximo que acepta el servidor (escribió {typed} MB).";
    public static string PartialRuleInvalid(string setting) => $"Elija de la lista cómo cuentan las «{setting}».";
    public static string ScaleLabelMissing(int row) => $"«Escala de competencias», fila {row}: escriba el nombre del nivel.";
    public static string ScaleValueNotWhole(int row) => $"«Escala de competencias», fila {row}: el valor debe ser un número entero.";
    public static string OptionMissing(string setting) => $"Elija una opción de «{setting}».";
    public static string NotWhole(string setting) => $"«{setting}» debe ser un número entero (por ejemplo: 5).";
    public static string NotNumber(string setting) => $"«{setting}» debe ser un número, con coma o punto decimal (por ejemplo: 89,5).";
}
