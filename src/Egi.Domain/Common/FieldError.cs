namespace Egi.Domain.Common;

/// <summary>A validation problem attached to one field, with a Spanish message for the user.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>The result of a domain operation: success, or the Spanish reasons it was refused.</summary>
public sealed class Outcome
{
    private Outcome(IReadOnlyList<FieldError> errors) => Errors = errors;

    public IReadOnlyList<FieldError> Errors { get; }
    public bool Succeeded => Errors.Count == 0;

    public static Outcome Ok { get; } = new([]);
    public static Outcome Refused(string message, string field = "") => new([new FieldError(field, message)]);
    public static Outcome From(IEnumerable<FieldError> errors) => new(errors.ToList());

    public override string ToString() => Succeeded ? "OK" : string.Join(" ", Errors.Select(e => e.Message));
}
