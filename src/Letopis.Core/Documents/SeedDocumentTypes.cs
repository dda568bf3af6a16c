using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Documents;

/// <summary>
/// The usual document types and their journals, created once on a database that has none; after
/// that they are the company's to change.
/// </summary>
public sealed class SeedDocumentTypes(LetopisDb db)
{
    public const string Contract = "contract";
    public const string Appendix = "appendix";
    public const string SupplementaryAgreement = "supplementary-agreement";
    public const string Act = "act";
    public const string Invoice = "invoice";
    public const string WorkOrder = "work-order";
    public const string Schedule = "schedule";
    public const string IncomingLetter = "incoming-letter";
    public const string OutgoingLetter = "outgoing-letter";
    public const string InternalMemo = "internal-memo";
    public const string Protocol = "protocol";

    /// <summary>
    /// The names the usual types are created with. A type still bearing its created name is shown
    /// in the reader's language; a name the company gave it is shown as written.
    /// </summary>
    public static IReadOnlyDictionary<string, string> CreatedNames { get; } = new Dictionary<string, string>
    {
        [Contract] = "Договор",
        [Appendix] = "Приложение",
        [SupplementaryAgreement] = "Дополнительное соглашение",
        [Act] = "Акт выполненных работ",
        [Invoice] = "Счёт",
        [WorkOrder] = "Заказ-наряд",
        [Schedule] = "График",
        [IncomingLetter] = "Входящее письмо",
        [OutgoingLetter] = "Исходящее письмо",
        [InternalMemo] = "Служебная записка",
        [Protocol] = "Протокол",
    };

    private const DocumentFieldMode Hidden = DocumentFieldMode.Hidden;
    private const DocumentFieldMode Required = DocumentFieldMode.Required;

    /// <summary>Returns whether it created them.</summary>
    public async Task<bool> HandleAsync(CancellationToken ct)
    {
        if (await db.DocumentTypes.AnyAsync(ct))
            return false;

        var types = new Dictionary<string, DocumentType>();
        var order = 0;
        DocumentType Add(string code, string name, DocumentKind kind, string journal, string pattern, CounterReset reset,
            params (string Field, DocumentFieldMode Mode)[] modes)
        {
            var j = new RegistrationJournal { Name = journal, Pattern = pattern, CounterReset = reset };
            db.RegistrationJournals.Add(j);
            var type = new DocumentType
            {
                Code = code,
                Name = name,
                Kind = kind,
                JournalId = j.Id,
                Order = order += 10,
                FieldSettings = modes.ToDictionary(m => m.Field, m => m.Mode),
            };
            types[code] = type;
            db.DocumentTypes.Add(type);
            return type;
        }

        (string, DocumentFieldMode)[] noIncoming = [(DocumentCardFields.IncomingNumber, Hidden), (DocumentCardFields.IncomingDate, Hidden)];
        (string, DocumentFieldMode)[] noMoney = [(DocumentCardFields.Amount, Hidden), (DocumentCardFields.Vat, Hidden)];
        (string, DocumentFieldMode)[] noTerms =
        [
            (DocumentCardFields.ValidFrom, Hidden), (DocumentCardFields.ValidTo, Hidden),
            (DocumentCardFields.SignedByUsOn, Hidden), (DocumentCardFields.SignedByCounterpartyOn, Hidden),
        ];
        (string, DocumentFieldMode) needsParent = (DocumentCardFields.ParentId, Required);

        var contract = Add(Contract, CreatedNames[Contract], DocumentKind.Contract, "Договоры", "Д-{yyyy}-{n:0000}", CounterReset.Yearly,
            [(DocumentCardFields.CounterpartyId, Required), (DocumentCardFields.ParentId, Hidden), .. noIncoming]);
        var appendix = Add(Appendix, CreatedNames[Appendix], DocumentKind.Appendix, "Приложения", "{parent}/П-{n}", CounterReset.PerParent,
            [needsParent, .. noIncoming]);
        var agreement = Add(SupplementaryAgreement, CreatedNames[SupplementaryAgreement], DocumentKind.SupplementaryAgreement,
            "Дополнительные соглашения", "{parent}/ДС-{n}", CounterReset.PerParent, [needsParent, .. noIncoming]);
        var act = Add(Act, CreatedNames[Act], DocumentKind.Act, "Акты", "А-{yyyy}-{n:00000}", CounterReset.Yearly,
            [(DocumentCardFields.Amount, Required), (DocumentCardFields.ValidFrom, Hidden), (DocumentCardFields.ValidTo, Hidden), .. noIncoming]);
        var invoice = Add(Invoice, CreatedNames[Invoice], DocumentKind.Invoice, "Счета", "С-{yyyy}-{n:00000}", CounterReset.Yearly,
            [(DocumentCardFields.Amount, Required), .. noTerms, .. noIncoming]);
        var workOrder = Add(WorkOrder, CreatedNames[WorkOrder], DocumentKind.WorkOrder, "Заказ-наряды", "ЗН-{yyyy}-{n:0000}", CounterReset.Yearly,
            [.. noIncoming]);
        var schedule = Add(Schedule, CreatedNames[Schedule], DocumentKind.Schedule, "Графики", "{parent}/Г-{n}", CounterReset.PerParent,
            [needsParent, .. noIncoming]);
        Add(IncomingLetter, CreatedNames[IncomingLetter], DocumentKind.IncomingLetter, "Входящие письма", "ВХ-{n}", CounterReset.Never,
            [(DocumentCardFields.IncomingNumber, Required), (DocumentCardFields.IncomingDate, Required), .. noMoney, .. noTerms]);
        Add(OutgoingLetter, CreatedNames[OutgoingLetter], DocumentKind.OutgoingLetter, "Исходящие письма", "ИСХ-{n}", CounterReset.Never,
            [.. noMoney, .. noTerms, .. noIncoming]);
        Add(InternalMemo, CreatedNames[InternalMemo], DocumentKind.InternalMemo, "Служебные записки", "СЗ-{yyyy}-{n}", CounterReset.Yearly,
            [(DocumentCardFields.CounterpartyId, Hidden), (DocumentCardFields.OurCompanyId, Hidden), .. noMoney, .. noTerms, .. noIncoming]);
        var protocol = Add(Protocol, CreatedNames[Protocol], DocumentKind.Protocol, "Протоколы", "ПР-{yyyy}-{n}", CounterReset.Yearly,
            [.. noMoney, .. noIncoming]);

        // A contract holds its appendices, agreements, schedules, orders, acts and invoices;
        // an agreement may have its own appendices and acts; an act or invoice may follow a work order.
        appendix.AllowedParentTypeIds = [contract.Id, agreement.Id];
        agreement.AllowedParentTypeIds = [contract.Id];
        schedule.AllowedParentTypeIds = [contract.Id, agreement.Id];
        workOrder.AllowedParentTypeIds = [contract.Id];
        act.AllowedParentTypeIds = [contract.Id, agreement.Id, workOrder.Id];
        invoice.AllowedParentTypeIds = [contract.Id, agreement.Id, workOrder.Id, act.Id];
        protocol.AllowedParentTypeIds = [contract.Id];
        contract.ExpectedChildTypeIds = [act.Id, invoice.Id];
        workOrder.ExpectedChildTypeIds = [act.Id];

        await db.SaveChangesAsync(ct);
        return true;
    }
}
