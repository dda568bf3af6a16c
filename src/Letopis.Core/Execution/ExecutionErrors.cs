namespace Letopis.Core.Execution;

/// <summary>Stable error codes of execution control.</summary>
public static class ExecutionErrors
{
    /// <summary>A payment larger than what is left of the plan, without confirmation; extensions carry the numbers.</summary>
    public const string PaymentExceedsPlan = "payment_exceeds_plan";

    /// <summary>A field error (<c>dueOn</c>): a control date before the contract starts.</summary>
    public const string BeforeContractStart = "before_contract_start";

    /// <summary>A field error (<c>closingDocumentId</c>): a document outside the contract's tree.</summary>
    public const string NotInTree = "not_in_tree";

    /// <summary>A point that is done or cancelled cannot take this change.</summary>
    public const string PointClosed = "control_point_closed";

    /// <summary>A field error: zero where more than zero is needed (a payment).</summary>
    public const string NotPositive = "not_positive";

    /// <summary>A field error: a day after today where only past days make sense (done on, paid on).</summary>
    public const string InFuture = "in_future";

    /// <summary>A field error: a person who no longer works here.</summary>
    public const string Inactive = "inactive";

    /// <summary>A field error: a reminder rule that reminds nobody.</summary>
    public const string NoRecipient = "no_recipient";
}
