using Letopis.Core.Common;
using Letopis.Core.Documents;
using Letopis.Web.Components.Shared;

namespace Letopis.Web.Components.Pages.Documents;

/// <summary>The card fields of a document while the user types them, in the register dialog and on the card.</summary>
public sealed class DocumentDraft
{
    public string? TypeCode { get; set; }

    public string? Title { get; set; }

    public string? Summary { get; set; }

    /// <summary>A new document's defaults to the user's today (set by the form that creates the draft).</summary>
    public DateTime? RegisteredOn { get; set; }

    public PickedCounterparty? Counterparty { get; set; }

    public Guid? OurCompanyId { get; set; }

    public PickedDocument? Parent { get; set; }

    public decimal? Amount { get; set; }

    public int? VatRate { get; set; }

    public string Currency { get; set; } = "RUB";

    public DateTime? SignedByUsOn { get; set; }

    public DateTime? SignedByCounterpartyOn { get; set; }

    public DateTime? ValidFrom { get; set; }

    public DateTime? ValidTo { get; set; }

    public PickedUser? Responsible { get; set; }

    public string? IncomingNumber { get; set; }

    public DateTime? IncomingDate { get; set; }

    /// <summary>How a letter came or went, as the API spells it (<c>post</c>, <c>courier</c>, <c>email</c>, <c>by_hand</c>, <c>edo</c>).</summary>
    public string? DeliveryMethod { get; set; }

    /// <summary>Sheets of a paper letter.</summary>
    public int? Pages { get; set; }

    /// <summary>What came with the letter («Приложение: акт сверки на 2 л.»).</summary>
    public string? Attachments { get; set; }

    /// <summary>Whom an incoming letter is addressed to: the person who writes its resolution.</summary>
    public PickedUser? Addressee { get; set; }

    /// <summary>The incoming letter an outgoing one answers («В ответ на»).</summary>
    public PickedDocument? ReplyTo { get; set; }

    public DateTime? SentOn { get; set; }

    public string? TrackingNumber { get; set; }

    /// <summary>Names of the form's fields as the API names them in <c>errors</c>.</summary>
    public static readonly string[] FieldNames =
    [
        "typeCode", "typeId", "title", "summary", "registeredOn", "counterpartyId", "ourCompanyId", "parentId", "amount", "vatRate",
        "vatAmount", "currency", "signedOn", "signedByUsOn", "signedByCounterpartyOn", "validFrom", "validTo", "responsibleId",
        "coResponsibleIds", "status", "incomingNumber", "incomingDate", "deliveryMethod", "pages", "attachments", "addresseeId", "replyToId",
        "sentOn", "trackingNumber",
    ];

    public static DocumentDraft Of(DocumentDto d) => new()
    {
        TypeCode = d.TypeCode,
        Title = d.Title,
        Summary = d.Summary,
        RegisteredOn = Day(d.RegisteredOn),
        Counterparty = d.CounterpartyId is { } cp ? new PickedCounterparty(cp, d.CounterpartyName ?? "") : null,
        OurCompanyId = d.OurCompanyId,
        Parent = d.Parent is { } p ? new PickedDocument(p.Id, $"{p.TypeName} {p.Number}".Trim(), p.Title) : null,
        Amount = d.Amount,
        VatRate = d.VatRate,
        Currency = d.Currency,
        SignedByUsOn = Day(d.SignedByUsOn),
        SignedByCounterpartyOn = Day(d.SignedByCounterpartyOn),
        ValidFrom = Day(d.ValidFrom),
        ValidTo = Day(d.ValidTo),
        Responsible = d.ResponsibleId is { } r ? new PickedUser(r, d.ResponsibleName ?? "") : null,
        IncomingNumber = d.IncomingNumber,
        IncomingDate = Day(d.IncomingDate),
        DeliveryMethod = d.DeliveryMethod,
        Pages = d.Pages,
        Attachments = d.Attachments,
        Addressee = d.Addressee is { } addressee ? new PickedUser(addressee.Id, addressee.FullName) : null,
        ReplyTo = d.ReplyTo is { } answered ? new PickedDocument(answered.Id, $"{answered.TypeName} {answered.Number}".Trim(), answered.Title) : null,
        SentOn = Day(d.SentOn),
        TrackingNumber = d.TrackingNumber,
    };

    /// <summary>Every field, as a registration sends them.</summary>
    public DocumentFields ToFields() => new()
    {
        Title = Title,
        Summary = Summary,
        RegisteredOn = DateOf(RegisteredOn),
        CounterpartyId = Counterparty?.Id,
        OurCompanyId = OurCompanyId,
        ParentId = Parent?.Id,
        Amount = Amount,
        VatRate = VatRate,
        Currency = Currency,
        SignedByUsOn = DateOf(SignedByUsOn),
        SignedByCounterpartyOn = DateOf(SignedByCounterpartyOn),
        ValidFrom = DateOf(ValidFrom),
        ValidTo = DateOf(ValidTo),
        // Left empty at registration: the type's default responsible person, else the caller.
        ResponsibleId = Responsible is { } responsible ? responsible.Id : Optional<Guid?>.Absent,
        IncomingNumber = IncomingNumber,
        IncomingDate = DateOf(IncomingDate),
        DeliveryMethod = DeliveryMethod,
        Pages = Pages,
        Attachments = Attachments,
        AddresseeId = Addressee?.Id,
        ReplyToId = ReplyTo?.Id,
        SentOn = DateOf(SentOn),
        TrackingNumber = TrackingNumber,
    };

    /// <summary>Only what differs from <paramref name="was"/>: a merge patch that leaves a colleague's other changes alone.</summary>
    public DocumentFields ToPatch(DocumentDto was)
    {
        var all = ToFields();
        return new DocumentFields
        {
            Title = Changed(all.Title, was.Title),
            Summary = Changed(all.Summary, was.Summary),
            RegisteredOn = Changed(all.RegisteredOn, was.RegisteredOn),
            CounterpartyId = Changed(all.CounterpartyId, was.CounterpartyId),
            OurCompanyId = Changed(all.OurCompanyId, was.OurCompanyId),
            ParentId = Changed(all.ParentId, was.ParentId),
            Amount = Changed(all.Amount, was.Amount),
            VatRate = Changed(all.VatRate, was.VatRate),
            Currency = Changed(all.Currency, was.Currency),
            SignedByUsOn = Changed(all.SignedByUsOn, was.SignedByUsOn),
            SignedByCounterpartyOn = Changed(all.SignedByCounterpartyOn, was.SignedByCounterpartyOn),
            ValidFrom = Changed(all.ValidFrom, was.ValidFrom),
            ValidTo = Changed(all.ValidTo, was.ValidTo),
            ResponsibleId = Changed(all.ResponsibleId, was.ResponsibleId),
            IncomingNumber = Changed(all.IncomingNumber, was.IncomingNumber),
            IncomingDate = Changed(all.IncomingDate, was.IncomingDate),
            DeliveryMethod = Changed(all.DeliveryMethod, was.DeliveryMethod),
            Pages = Changed(all.Pages, was.Pages),
            Attachments = Changed(all.Attachments, was.Attachments),
            AddresseeId = Changed(all.AddresseeId, was.AddresseeId),
            ReplyToId = Changed(all.ReplyToId, was.ReplyToId),
            SentOn = Changed(all.SentOn, was.SentOn),
            TrackingNumber = Changed(all.TrackingNumber, was.TrackingNumber),
        };
    }

    private static Optional<T> Changed<T>(Optional<T> now, T was) =>
        EqualityComparer<T>.Default.Equals(Blank(now.Value), Blank(was)) ? Optional<T>.Absent : now;

    // An emptied text box and a missing value are the same to the user.
    private static T Blank<T>(T value) => value is string s && string.IsNullOrWhiteSpace(s) ? default! : value;

    private static DateTime? Day(DateOnly? day) => day?.ToDateTime(TimeOnly.MinValue);

    private static DateOnly? DateOf(DateTime? value) => value is { } v ? DateOnly.FromDateTime(v) : null;
}
