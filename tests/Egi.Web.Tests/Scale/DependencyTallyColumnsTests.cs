using Egi.Domain.Evaluations;
using Egi.Web.Features.Shared;

namespace Egi.Web.Tests.Scale;

/// <summary>
/// Every evaluation state has its own column in <see cref="DependencyTally"/> («In» + the state's name), read by
/// <see cref="DependencyTally.InState"/>: a state added to the domain without one fails here, not in a report.
/// </summary>
public sealed class DependencyTallyColumnsTests
{
    [Fact]
    public void Each_state_is_counted_in_its_own_column()
    {
        var states = Enum.GetValues<EvaluationState>();
        for (var i = 0; i < states.Length; i++)
        {
            var tally = new DependencyTally();
            var column = typeof(DependencyTally).GetProperty("In" + states[i]);
            Assert.True(column is not null, $"DependencyTally has no column In{states[i]}.");
            column.SetValue(tally, i + 1);
            Assert.Equal(i + 1, tally.InState(states[i]));
            Assert.All(states.Where(s => s != states[i]), s => Assert.Equal(0, tally.InState(s)));
        }
    }
}
