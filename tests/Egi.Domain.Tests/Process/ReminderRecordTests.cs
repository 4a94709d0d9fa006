using Egi.Domain.Calendar;
using Egi.Domain.Process;

namespace Egi.Domain.Tests.Process;

/// <summary>The register of reminders sent (activities 17 and 20): what each kind names, who sent it, and what it keeps.</summary>
public class ReminderRecordTests
{
    private static readonly DateTime At = new(2026, 6, 25, 13, 0, 0, DateTimeKind.Utc);
    private static readonly ReminderRecipient Camila = new(21, " Camila Rojas ", "camila@egi.gov.co", ReminderRole.Evaluado);

    [Fact]
    public void A_step_reminder_names_its_stage_and_evaluation_and_no_plan()
    {
        var r = ReminderRecord.ForEvaluationStep(7, Stage.FirstFollowUp, 55, ReminderOrigin.Manual, Camila, " sandra@egi.gov.co ", "Recordatorio", At);
        Assert.Equal((ReminderTopic.EvaluationStep, (Stage?)Stage.FirstFollowUp, (int?)55, (long?)null), (r.Topic, r.Stage, r.EvaluationId, r.ImprovementPlanId));
        Assert.Equal((7, At, "Camila Rojas", "camila@egi.gov.co", ReminderRole.Evaluado, "sandra@egi.gov.co", (int?)21),
            (r.PeriodId, r.SentAt, r.RecipientName, r.RecipientEmail, r.RecipientRole, r.SentBy, r.RecipientServantId));
    }

    [Fact]
    public void A_plan_reminder_names_its_plan_and_no_stage()
    {
        var r = ReminderRecord.ForImprovementPlan(7, 900L, ReminderOrigin.Manual, Camila, "sandra", "Plan", At);
        Assert.Equal((ReminderTopic.ImprovementPlan, (Stage?)null, (int?)null, (long?)900), (r.Topic, r.Stage, r.EvaluationId, r.ImprovementPlanId));
    }

    [Fact]
    public void An_automatic_reminder_is_sent_by_the_system_and_a_manual_one_names_who_sent_it()
    {
        var auto = ReminderRecord.ForEvaluationStep(7, Stage.GoalSetting, null, ReminderOrigin.Automatic, Camila, "sandra", "Cierre", At);
        Assert.Equal(ReminderRecord.SystemSender, auto.SentBy);
        Assert.Throws<ArgumentException>(() => ReminderRecord.ForImprovementPlan(7, 1, ReminderOrigin.Manual, Camila, " ", "Plan", At));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReminderRecord.ForImprovementPlan(7, 1, (ReminderOrigin)9, Camila, "x", "Plan", At));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReminderRecord.ForImprovementPlan(7, 1, ReminderOrigin.Manual, Camila with { Role = (ReminderRole)9 }, "x", "Plan", At));
    }

    [Fact]
    public void Texts_are_cut_to_what_the_register_keeps()
    {
        var long_ = new ReminderRecipient(null, new string('n', 300), new string('e', 300) + "@x.co", ReminderRole.HumanResources);
        var r = ReminderRecord.ForEvaluationStep(7, Stage.SecondFollowUp, null, ReminderOrigin.Manual, long_, new string('s', 400), new string('a', 500), At);
        Assert.Equal((ReminderRecord.NameMax, ReminderRecord.EmailMax, ReminderRecord.SentByMax, ReminderRecord.SubjectMax),
            (r.RecipientName.Length, r.RecipientEmail.Length, r.SentBy.Length, r.Subject.Length));
    }

    [Fact]
    public void Every_role_code_fits_the_stored_column()
    {
        Assert.All(Enum.GetNames<ReminderRole>(), name => Assert.InRange(name.Length, 1, ReminderRecord.RoleMax));
    }
}
