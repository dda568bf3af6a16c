using Letopis.Web.Components.Pages.Correspondence;
using Letopis.Web.Components.Shared;

namespace Letopis.Web.Tests.Components.Correspondence;

public sealed class AssignmentDraftTests
{
    [Fact]
    public void AddCoExecutor_TheLeadOrSomeoneTwice_IsListedOnce()
    {
        var lead = new PickedUser(Guid.NewGuid(), "Лебедев К. Ю.");
        var co = new PickedUser(Guid.NewGuid(), "Морозова О. В.");
        var draft = new AssignmentDraft { Executor = lead };

        draft.AddCoExecutor(co);
        draft.AddCoExecutor(co with { FullName = "Морозова Ольга Викторовна" });
        draft.AddCoExecutor(lead);
        draft.AddCoExecutor(null);

        draft.CoExecutors.Select(p => p.Id).ShouldBe([co.Id]);
    }

    [Fact]
    public void FieldNames_ForTwoAssignments_NameEveryFieldAsTheApiDoes()
    {
        var names = AssignmentDraft.FieldNames(2);

        names.ShouldContain("assignments");
        names.ShouldContain("assignments[0].executorId");
        names.ShouldContain("assignments[1].dueOn");
        names.ShouldContain("assignments[1].controllerId");
        names.ShouldNotContain("assignments[2].text");
    }
}
