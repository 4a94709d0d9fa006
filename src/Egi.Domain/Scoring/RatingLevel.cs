namespace Egi.Domain.Scoring;

/// <summary>The level of a final rating (SPEC §4; default thresholds as in the EDL: ≥ 90, &gt; 65 and &lt; 90, ≤ 65).</summary>
public enum RatingLevel
{
    Sobresaliente,
    Satisfactorio,
    NoSatisfactorio,
}

public static class RatingLevelExtensions
{
    /// <summary>The Spanish label a person reads.</summary>
    public static string Label(this RatingLevel level) => level switch
    {
        RatingLevel.Sobresaliente => "Sobresaliente",
        RatingLevel.Satisfactorio => "Satisfactorio",
        RatingLevel.NoSatisfactorio => "No satisfactorio",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };
}
