namespace Egi.Web.Features.Shared;

/// <summary>The messages of the shared kernel's own helpers (what several features show alike), in one place.</summary>
public static class SharedMessages
{
    /// <summary>The directory's confirmation when a change of vinculación ends the servant's evaluations (<c>EvaluatorChanges</c>).</summary>
    public static string EvaluationsClosedAsNoLongerEvaluated(string reason, IReadOnlyList<string> periods) =>
        $"Ya no es evaluable ({reason.TrimEnd('.')}): su evaluación de {string.Join(" y ", periods.Select(p => $"la «{p}»"))} quedó «Cerrada por retiro» "
        + "desde hoy; si sus metas estaban concertadas, el evaluador debe registrar la evaluación parcial hasta hoy.";

    public const string PeriodNotFound = "La «Vigencia» elegida no existe: elija una de la lista.";

    // The servant pickers (ServantChoices): what was typed in a search box without choosing from the list.
    public static string PickerNoMatch(string field, string typed) =>
        $"Ningún servidor activo coincide con «{Short(typed)}» en «{field}». Escriba parte del nombre, el número de documento o el empleo, o elija de la lista.";
    public static string PickerSeveral(string field, string typed, int count, bool more) =>
        $"«{Short(typed)}» coincide con {(more ? $"más de {count}" : count.ToString(System.Globalization.CultureInfo.InvariantCulture))} servidores en «{field}»: elija uno en la lista, donde quedaron, o escriba su número de documento.";
    private static string Short(string typed) => typed.Length > 60 ? typed[..60] + "…" : typed;
}
