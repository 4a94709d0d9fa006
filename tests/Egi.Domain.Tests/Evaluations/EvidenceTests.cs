using Egi.Domain.Evaluations;
using static Egi.Domain.Tests.Evaluations.Kit;

namespace Egi.Domain.Tests.Evaluations;

/// <summary>Evidence is part of the evaluation: only its evaluado, in the draft of the follow-up in course, through the aggregate.</summary>
public class EvidenceTests
{
    private static readonly DateTime Now = new(2026, 5, 15, 10, 0, 0, DateTimeKind.Utc);

    private static EvidenceItem Pdf(int goal = 1) =>
        EvidenceItem.File(goal, "acta.pdf", Guid.NewGuid().ToString("N"), "application/pdf", 2048, new string('a', 64), "Ana Evaluada", Now);

    [Fact]
    public void The_evaluado_attaches_to_a_goal_of_the_follow_up_in_course_and_the_version_changes()
    {
        var e = At(EvaluationState.SelfEvaluationI);
        var version = e.Version;
        var item = Pdf(2);
        AssertOk(e.AttachEvidence(Evaluado, item, OnFollowUpIDay()));
        Assert.Same(item, Assert.Single(e.Evidence));
        Assert.Equal((1, 2, e.Id), (item.FollowUp, item.GoalNumber, item.EvaluationId));
        Assert.True(item.IsDraft);
        Assert.NotEqual(version, e.Version);

        var link = EvidenceItem.Link(1, "  https://drive.example.org/acta  ", "Ana Evaluada", Now);
        AssertOk(e.AttachEvidence(Evaluado, link, OnFollowUpIDay()));
        Assert.Equal(("https://drive.example.org/acta", EvidenceKind.Link), (link.Url, link.Kind));
    }

    [Fact]
    public void In_the_second_follow_up_the_evidence_belongs_to_it()
    {
        var e = At(EvaluationState.SelfEvaluationII);
        var item = Pdf();
        AssertOk(e.AttachEvidence(Evaluado, item, OnFollowUpIIDay()));
        Assert.Equal(2, item.FollowUp);
    }

    [Fact]
    public void Nobody_else_attaches_and_nothing_changes()
    {
        var e = At(EvaluationState.SelfEvaluationI);
        AssertRefusedUnchanged(e, x => x.AttachEvidence(Jefe, Pdf(), OnFollowUpIDay()), "Solo el evaluado");
        AssertRefusedUnchanged(e, x => x.AttachEvidence(TalentoHumano, Pdf(), OnFollowUpIDay()), "Solo el evaluado");
        Assert.Empty(e.Evidence);
    }

    [Fact]
    public void Outside_a_self_evaluation_its_window_or_with_a_closed_period_evidence_is_refused()
    {
        var approval = At(EvaluationState.SelfEvaluationIApproval);
        AssertRefusedUnchanged(approval, x => x.AttachEvidence(Evaluado, Pdf(), OnFollowUpIDay()), "la evidencia se adjunta mientras el evaluado diligencia su autoevaluación");
        var goals = At(EvaluationState.GoalFormulation);
        AssertRefusedUnchanged(goals, x => x.AttachEvidence(Evaluado, Pdf(), OnGoalDay()), "la evidencia se adjunta");

        var draft = At(EvaluationState.SelfEvaluationI);
        // 15 Feb 2027: the first follow-up's window closed long ago.
        AssertRefusedUnchanged(draft, x => x.AttachEvidence(Evaluado, Pdf(), OnFollowUpIIDay()), "está cerrada");

        var closed = NewPeriod();
        var open = At(EvaluationState.SelfEvaluationI, closed);
        AssertOk(closed.Close());
        AssertRefusedUnchanged(open, x => x.AttachEvidence(Evaluado, Pdf(), OnFollowUpIDay(closed)), "cerrad");
        Assert.Empty(open.Evidence);
    }

    [Fact]
    public void The_goal_must_exist_and_a_link_must_be_a_web_address()
    {
        var e = At(EvaluationState.SelfEvaluationI);
        var noGoal = e.AttachEvidence(Evaluado, Pdf(goal: 9), OnFollowUpIDay());
        AssertRefused(noGoal, "Elija la meta");
        Assert.Equal(nameof(EvidenceItem.GoalNumber), Assert.Single(noGoal.Errors).Field);
        AssertRefusedUnchanged(e, x => x.AttachEvidence(Evaluado, EvidenceItem.Link(1, "ftp://files.example.org/a", "Ana", Now), OnFollowUpIDay()),
            "http:// o https://");
        AssertRefusedUnchanged(e, x => x.AttachEvidence(Evaluado, EvidenceItem.Link(1, "https://x.example.org/" + new string('a', 2000), "Ana", Now), OnFollowUpIDay()),
            "máximo 2000 caracteres");
        AssertRefusedUnchanged(e, x => x.AttachEvidence(Evaluado,
            EvidenceItem.File(1, "vacio.pdf", "abc", "application/pdf", 0, "", "Ana", Now), OnFollowUpIDay()), "está vacío");
        Assert.Empty(e.Evidence);
    }

    [Fact]
    public void Only_draft_evidence_of_the_follow_up_in_course_is_removed_by_its_evaluado()
    {
        var e = At(EvaluationState.SelfEvaluationI);
        var ctx = OnFollowUpIDay();
        var draft = Pdf();
        var sent = Pdf(2);
        AssertOk(e.AttachEvidence(Evaluado, draft, ctx));
        AssertOk(e.AttachEvidence(Evaluado, sent, ctx));
        sent.MarkSentWith(4);
        sent.MarkSentWith(9);
        Assert.Equal(4, sent.SentWithVersion);

        AssertRefusedUnchanged(e, x => x.RemoveEvidence(Jefe, draft, ctx), "Solo el evaluado");
        AssertRefusedUnchanged(e, x => x.RemoveEvidence(Evaluado, sent, ctx), "ya se envió");
        AssertRefusedUnchanged(e, x => x.RemoveEvidence(Evaluado, Pdf(), ctx), "no pertenece a esta evaluación");
        Assert.Equal(2, e.Evidence.Count);

        var version = e.Version;
        AssertOk(e.RemoveEvidence(Evaluado, draft, ctx));
        Assert.Same(sent, Assert.Single(e.Evidence));
        Assert.NotEqual(version, e.Version);
    }

    [Fact]
    public void Evidence_of_the_first_follow_up_stays_with_it_in_the_second()
    {
        var e = At(EvaluationState.SelfEvaluationI);
        var first = Pdf();
        AssertOk(e.AttachEvidence(Evaluado, first, OnFollowUpIDay()));
        WalkTo(e, EvaluationState.SelfEvaluationII);
        AssertRefusedUnchanged(e, x => x.RemoveEvidence(Evaluado, first, OnFollowUpIIDay()), "primer seguimiento");
    }
}
