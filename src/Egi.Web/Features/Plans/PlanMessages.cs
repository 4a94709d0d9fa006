namespace Egi.Web.Features.Plans;

/// <summary>
/// Every confirmation and form error the institutional plan pages show (plans, items, import), in one place; the plan's
/// own refusals (a plan or an item in use, a closed period) are <see cref="Egi.Domain.Planning.InstitutionalPlan"/>'s.
/// </summary>
public static class PlanMessages
{
    // Plans
    public const string DependencyNotFound = "La «Dependencia» elegida no existe: elija una de la lista.";
    public const string CoverageDependencyNotFound = "La «Dependencia» elegida no tiene ítems en los planes de esta vigencia: elija una de la lista.";
    public static string PlanCreated(string plan) => $"Se creó el plan «{plan}». Agregue o importe sus ítems.";
    public static string PlanSaved(string plan) => $"Se guardaron los cambios del plan «{plan}».";
    public static string PlanDeleted(string plan) => $"Se eliminó el plan «{plan}» y sus ítems.";

    // Items
    public const string ResponsibleDependencyNotFound = "La «Dependencia responsable» elegida no existe: elija una de la lista.";
    public static string ItemAdded(string code, string name) => $"Se agregó el ítem «{code} — {name}».";
    public static string ItemSaved(string code) => $"Se guardaron los cambios del ítem «{code}».";
    public const string ItemAlreadyGone = "El ítem que intenta eliminar ya no existe en este plan.";
    public static string ItemDeleted(string code, string name) => $"Se eliminó el ítem «{code} — {name}».";

    // Items import
    public const string ImportFileMissing = "Elija el archivo .xlsx o .csv con los ítems del plan que desea importar.";
    public const string ImportConcurrentChange = "No se importó nada: otra persona cambió los ítems del plan al mismo tiempo. Cargue el archivo de nuevo.";
    public static string ImportApplied(string? fileName, int created, int updated, int unchanged) =>
        $"Importación de «{fileName}» aplicada. Ítems creados: {created}; actualizados: {updated}; sin cambios: {unchanged}.";
    public const string ImportCancelled = "Importación cancelada: no se guardó ningún cambio.";

    /// <summary>The notes of the plan items import template («Instrucciones»).</summary>
    public static IReadOnlyList<string> ImportTemplateNotes { get; } =
    [
        "La primera fila lleva los encabezados; cada fila siguiente es un ítem del plan. Las columnas pueden ir en cualquier orden.",
        "Borre las filas de ejemplo antes de importar sus ítems.",
        "El código identifica el ítem dentro del plan: si ya existe, el ítem se actualiza; si no, se crea. Los ítems que no estén en el archivo no se modifican.",
        "Nada se guarda si alguna fila tiene errores: corríjalos y vuelva a cargar el archivo.",
        "Como CSV, guarde desde Excel con «CSV (delimitado por comas)» o «CSV UTF-8»; se aceptan «;», «,» o tabulador.",
    ];
}
