using Letopis.Core.Common;

namespace Letopis.Core.Execution;

/// <summary>Stable error codes of execution control.</summary>
public static class ExecutionErrors
{
    /// <summary>A payment larger than what is left of the plan, without confirmation; extensions carry the numbers.</summary>
    public const string PaymentExceedsPlan = "payment_exceeds_plan";

    /// <summary>A control date before the contract starts.</summary>
    public const string BeforeContractStart = "before_contract_start";

    /// <summary>A closing document outside the contract's tree.</summary>
    public const string NotInTree = "not_in_tree";

    /// <summary>A point that is done or cancelled cannot take this change.</summary>
    public const string PointClosed = "control_point_closed";

    public const string NotImplementedCode = "not_implemented";

    internal static Error NotReady() => new(NotImplementedCode, "Not built yet.");
}
