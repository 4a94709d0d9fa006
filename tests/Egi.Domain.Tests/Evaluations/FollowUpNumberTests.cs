using Egi.Domain.Evaluations;

namespace Egi.Domain.Tests.Evaluations;

public class FollowUpNumberTests
{
    [Theory]
    [InlineData(EvaluationStep.Goals, null)]
    [InlineData(EvaluationStep.FollowUpI, 1)]
    [InlineData(EvaluationStep.FollowUpII, 2)]
    public void Each_step_has_its_follow_up_number(EvaluationStep step, int? expected) =>
        Assert.Equal(expected, step.FollowUpNumber());

    [Fact]
    public void The_step_of_a_follow_up_number_is_the_inverse_and_only_1_and_2_are_follow_ups()
    {
        foreach (var step in new[] { EvaluationStep.FollowUpI, EvaluationStep.FollowUpII })
            Assert.Equal(step, EvaluationStateInfo.FollowUpStep(step.FollowUpNumber()!.Value));
        Assert.Throws<ArgumentOutOfRangeException>(() => EvaluationStateInfo.FollowUpStep(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => EvaluationStateInfo.FollowUpStep(3));
    }
}
