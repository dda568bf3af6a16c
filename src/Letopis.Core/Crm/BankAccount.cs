using Letopis.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Letopis.Core.Crm;

/// <summary>A settlement account of a counterparty at a bank; one of them is the main one for documents.</summary>
public class BankAccount : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CounterpartyId { get; set; }

    /// <summary>БИК: nine digits.</summary>
    public string Bik { get; set; } = "";

    public string BankName { get; set; } = "";

    /// <summary>The bank's correspondent account at the Bank of Russia (20 digits), when known.</summary>
    public string? CorrespondentAccount { get; set; }

    /// <summary>The settlement account (расчётный счёт), 20 digits, checked against the БИК.</summary>
    public string Account { get; set; } = "";

    public bool IsMain { get; set; }

    public DateTime CreatedAt { get; set; }

    public int Version { get; set; }

    /// <summary>How history and timeline name the account: «40702810… в ПАО Сбербанк».</summary>
    public string Describe() => $"{Account} ({BankName}, БИК {Bik})";
}

internal sealed class BankAccountConfiguration : IEntityTypeConfiguration<BankAccount>
{
    public void Configure(EntityTypeBuilder<BankAccount> e)
    {
        e.Property(b => b.Bik).HasMaxLength(9).IsRequired();
        e.Property(b => b.BankName).HasMaxLength(TextLimits.Name).IsRequired();
        e.Property(b => b.CorrespondentAccount).HasMaxLength(20);
        e.Property(b => b.Account).HasMaxLength(20).IsRequired();
        e.Property(b => b.Version).IsConcurrencyToken();
        e.HasOne<Counterparty>().WithMany().HasForeignKey(b => b.CounterpartyId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(b => b.CounterpartyId);
    }
}

/// <summary>The checks a bank account must pass, shared by counterparties' accounts and our companies.</summary>
public static class BankAccountRules
{
    public const string AccountMismatch = "account_bik_mismatch";

    /// <summary>Validates БИК, bank name, account and correspondent account; errors name the API fields.</summary>
    public static void Check(string? bik, string? bankName, string? account, string? correspondentAccount, List<(string, string)> errors,
        bool bankNameRequired = true)
    {
        var bikOk = false;
        if (string.IsNullOrEmpty(bik))
            errors.Add(("bik", FieldErrors.Required));
        else if (!Requisites.IsValidBik(bik))
            errors.Add(("bik", FieldErrors.Invalid));
        else
            bikOk = true;
        if (string.IsNullOrEmpty(bankName))
        {
            if (bankNameRequired)
                errors.Add(("bankName", FieldErrors.Required));
        }
        else if (bankName.Length > TextLimits.Name)
        {
            errors.Add(("bankName", FieldErrors.TooLong));
        }
        else
        {
            TextRules.Check(bankName, "bankName", errors);
        }
        if (string.IsNullOrEmpty(account))
            errors.Add(("account", FieldErrors.Required));
        else if (!Requisites.IsDigits(account, 20))
            errors.Add(("account", FieldErrors.Invalid));
        else if (bikOk && !Requisites.IsValidAccount(account, bik!))
            errors.Add(("account", AccountMismatch));
        if (!string.IsNullOrEmpty(correspondentAccount))
        {
            if (!Requisites.IsDigits(correspondentAccount, 20))
                errors.Add(("correspondentAccount", FieldErrors.Invalid));
            else if (bikOk && !Requisites.IsValidCorrespondentAccount(correspondentAccount, bik!))
                errors.Add(("correspondentAccount", AccountMismatch));
        }
    }

    /// <summary>Digits only: people paste accounts with spaces or dashes.</summary>
    public static string? Digits(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : new string(value.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
}
