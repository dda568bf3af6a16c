using Letopis.Core.Access;

namespace Letopis.Core.Tests.Access;

public class DepartmentTreeTests
{
    private static readonly Guid A = Guid.CreateVersion7(), B = Guid.CreateVersion7(), C = Guid.CreateVersion7(), D = Guid.CreateVersion7();

    // A → B → C; D is separate.
    private static readonly Dictionary<Guid, Guid?> Parents = new() { [A] = null, [B] = A, [C] = B, [D] = null };

    [Fact]
    public void WouldCreateCycle_MovingUnderOwnDescendant_IsACycle() =>
        Department.WouldCreateCycle(A, C, Parents).ShouldBeTrue();

    [Fact]
    public void WouldCreateCycle_MovingUnderItself_IsACycle() =>
        Department.WouldCreateCycle(B, B, Parents).ShouldBeTrue();

    [Fact]
    public void WouldCreateCycle_MovingUnderAnotherBranch_IsFine() =>
        Department.WouldCreateCycle(B, D, Parents).ShouldBeFalse();

    [Fact]
    public void SelfAndDescendants_ReturnsTheWholeSubtree() =>
        Department.SelfAndDescendants(A, Parents.Select(p => (p.Key, p.Value))).ShouldBe([A, B, C], ignoreOrder: true);
}
