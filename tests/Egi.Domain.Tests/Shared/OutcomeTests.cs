using Egi.Domain.Common;

namespace Egi.Domain.Tests.Shared;

/// <summary>A stale save is a kind of refusal the pages recognise by itself, not by the words of its message.</summary>
public class OutcomeTests
{
    [Fact]
    public void A_stale_refusal_says_so_and_carries_its_message()
    {
        var stale = Outcome.Stale("Otra persona guardó primero.");
        Assert.False(stale.Succeeded);
        Assert.True(stale.IsStale);
        Assert.Equal([new FieldError("", "Otra persona guardó primero.")], stale.Errors);
    }

    [Fact]
    public void Other_refusals_and_success_are_not_stale_even_with_the_same_words()
    {
        Assert.False(Outcome.Refused("Otra persona guardó primero.").IsStale);
        Assert.False(Outcome.From([new FieldError("Meta", "Escriba la meta.")]).IsStale);
        Assert.False(Outcome.Ok.IsStale);
    }
}
