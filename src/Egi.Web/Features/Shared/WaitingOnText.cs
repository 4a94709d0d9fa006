using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;

namespace Egi.Web.Features.Shared;

/// <summary>
/// «Espera a …»: on whom an evaluation waits, in words and as a badge, written once for every page, report and list.
/// The nouns are the domain's labels of <see cref="ActorRole"/>.
/// </summary>
public static class WaitingOnText
{
    /// <summary>
    /// The party as the reports and lists name it: «Evaluado», «Evaluador», «Comisión evaluadora», and «Comisión
    /// evaluadora (desacuerdo)» for an escalated step; "" when nobody.
    /// </summary>
    public static string Role(WaitingOn waitingOn, bool committee, bool escalated = false) => waitingOn switch
    {
        WaitingOn.Nobody => "",
        _ when escalated => ActorRole.Committee.Label() + " (desacuerdo)",
        WaitingOn.Evaluado => ActorRole.Evaluado.Label(),
        WaitingOn.Evaluator when committee => ActorRole.Committee.Label(),
        _ => ActorRole.Evaluator.Label(),
    };

    /// <summary>The party as the subject of a sentence: «El evaluado», «El evaluador», «La Comisión Evaluadora», «Nadie».</summary>
    public static string Subject(WaitingOn waitingOn, bool committee) => waitingOn switch
    {
        WaitingOn.Evaluado => "El evaluado",
        WaitingOn.Evaluator when committee => "La Comisión Evaluadora",
        WaitingOn.Evaluator => "El evaluador",
        _ => "Nadie",
    };

    /// <summary>The same inside a sentence («Espera la acción de el evaluador»).</summary>
    public static string InSentence(WaitingOn waitingOn, bool committee)
    {
        var s = Subject(waitingOn, committee);
        return char.ToLowerInvariant(s[0]) + s[1..];
    }

    /// <summary>Badge class of the waiting side; the badge always carries the state's name too (never colour alone).</summary>
    public static string Badge(WaitingOn waitingOn) => waitingOn switch
    {
        WaitingOn.Evaluator => "text-bg-warning",
        WaitingOn.Evaluado => "text-bg-info",
        _ => "badge-ok",
    };

    /// <summary>Whole days from the Bogotá day of <paramref name="sinceUtc"/> to today (never negative).</summary>
    public static int DaysWaiting(DateTime sinceUtc, DateOnly today) => Math.Max(0, today.DayNumber - BogotaTime.Day(sinceUtc).DayNumber);
}
