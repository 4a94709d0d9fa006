namespace Egi.Domain.Common;

/// <summary>A validation problem attached to one field, with a Spanish message for the user.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>The result of a domain operation: success, or the Spanish reasons it was refused.</summary>
public sealed class Outcome
{
    private Outcome(IReadOnlyList<FieldError> errors, bool isStale = false)
    {
        Errors = errors;
        IsStale = isStale;
    }

    public IReadOnlyList<FieldError> Errors { get; }
    public bool Succeeded => Errors.Count == 0;

    /// <summary>
    /// Refused because someone saved in between (optimistic concurrency): the page shows the current version with the
    /// message. Pages ask this, never compare the message's text.
    /// </summary>
    public bool IsStale { get; }

    public static Outcome Ok { get; } = new([]);
    public static Outcome Refused(string message, string field = "") => new([new FieldError(field, message)]);
    public static Outcome From(IEnumerable<FieldError> errors) => new(errors.ToList());

    /// <summary>A refusal of a stale save (<see cref="IsStale"/>) with the Spanish <paramref name="message"/>.</summary>
    public static Outcome Stale(string message) => new([new FieldError("", message)], isStale: true);

    public override string ToString() => Succeeded ? "OK" : string.Join(" ", Errors.Select(e => e.Message));
}
