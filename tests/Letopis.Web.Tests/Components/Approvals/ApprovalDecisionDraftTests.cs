using Letopis.Web.Components.Pages.Approvals;

namespace Letopis.Web.Tests.Components.Approvals;

/// <summary>The rules the decision dialog checks before it calls the engine.</summary>
public sealed class ApprovalDecisionDraftTests
{
    [Fact]
    public void Missing_ApproveOnTime_NeedsNothing()
    {
        var draft = new ApprovalDecisionDraft(overdue: false) { Decision = ApprovalText.Approve };

        draft.Missing().ShouldBeEmpty();
        draft.ToRequest(3).ShouldBe(new Core.Approvals.ApprovalDecisionRequest("approve", null, null, 3));
    }

    [Theory]
    [InlineData(ApprovalText.Reject)]
    [InlineData(ApprovalText.Rework)]
    public void Missing_RejectOrReworkWithoutComment_AsksForTheComment(string decision)
    {
        var draft = new ApprovalDecisionDraft(overdue: false) { Decision = decision, Comment = "   " };

        draft.Missing().ShouldBe([ApprovalDecisionDraft.CommentField]);
        draft.Comment = "Уточните порядок оплаты";
        draft.Missing().ShouldBeEmpty();
    }

    [Fact]
    public void Missing_OverdueWithoutReason_AsksForTheDelayReasonEvenToApprove()
    {
        var draft = new ApprovalDecisionDraft(overdue: true) { Decision = ApprovalText.Approve };

        draft.Missing().ShouldBe([ApprovalDecisionDraft.DelayReasonField]);
        draft.DelayReason = " Был в командировке ";
        draft.Missing().ShouldBeEmpty();
        draft.ToRequest(1).DelayReason.ShouldBe("Был в командировке");
    }

    [Fact]
    public void ToRequest_OnTime_SendsNoDelayReason()
    {
        var draft = new ApprovalDecisionDraft(overdue: false) { Decision = ApprovalText.Rework, Comment = "Нет подписи", DelayReason = "лишнее" };

        var request = draft.ToRequest(2);

        request.Decision.ShouldBe("rework");
        request.Comment.ShouldBe("Нет подписи");
        request.DelayReason.ShouldBeNull();
    }
}
