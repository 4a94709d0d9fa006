using Egi.Domain.Common;

namespace Egi.Domain.Calendar;

/// <summary>The dates (both inclusive) in which a stage of the period is open.</summary>
public sealed record StageWindow(Stage Stage, DateOnly Start, DateOnly End)
{
    public bool Contains(DateOnly day) => day >= Start && day <= End;

    /// <summary>
    /// A window must start before it ends and lie between 1 January of the period's year and
    /// 31 December of the next year (the last stages happen in the following vigencia).
    /// </summary>
    public IReadOnlyList<FieldError> Validate(int year)
    {
        var field = Stage.ToString();
        var errors = new List<FieldError>();
        if (Start >= End)
            errors.Add(new(field, $"«{Stage.Label()}»: la fecha de inicio ({Start:dd/MM/yyyy}) debe ser anterior a la de cierre ({End:dd/MM/yyyy})."));
        var min = new DateOnly(year, 1, 1);
        var max = new DateOnly(year + 1, 12, 31);
        if (Start < min || Start > max || End < min || End > max)
            errors.Add(new(field, $"«{Stage.Label()}»: las fechas deben estar entre el {min:dd/MM/yyyy} y el {max:dd/MM/yyyy}."));
        return errors;
    }
}
