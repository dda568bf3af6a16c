using Letopis.Core.Search;

namespace Letopis.Core.Tests.Search;

public class SearchTermsTests
{
    [Theory]
    [InlineData("договоров", "договор")]
    [InlineData("договору", "договор")]
    [InlineData("договор", "договор")]
    [InlineData("стройгаза", "стройгаз")]
    [InlineData("стройгаз", "стройгаз")]
    [InlineData("contracts", "contract")]
    [InlineData("building", "build")]
    public void Stem_DeclinedForms_ShareTheStem(string word, string stem) => SearchTerms.Stem(word).ShouldBe(stem);

    [Fact]
    public void Words_LowerCaseFoldYoAndLeaveOutLegalForms() =>
        SearchTerms.Words("ООО «Ковалёв-Строй», ИП Ёлкин").ShouldBe(["ковалев", "строй", "елкин"]);

    // Whatever the query stems to, the record must be found: this is the matching rule of both
    // providers (the stem of each query word as a prefix of the indexed words and stems).
    [Theory]
    [InlineData("Иванов Иван Петрович", "Иванову")]
    [InlineData("Иванов Иван Петрович", "Иванова")]
    [InlineData("Иванова Мария", "Ивановой")]
    [InlineData("Орлов Виктор", "Орлову")]
    [InlineData("Реестр договоров", "договор")]
    [InlineData("Договор подряда", "договоров")]
    [InlineData("ООО «Стройгаз»", "стройгаза")]
    [InlineData("ООО «Гранитстрой»", "гранитстроя")]
    [InlineData("ООО «Гранитстрой»", "Гранитстрою")]
    [InlineData("ООО «Гранитстрой»", "гранит")]
    [InlineData("ООО «Ковалёв и партнёры»", "ковалева партнеров")]
    [InlineData("Building contracts", "contract")]
    [InlineData("Смирнова Анна Петровна", "Смирновой Анне")]
    public void Query_InAnotherForm_MatchesTheIndexedText(string indexed, string typed) =>
        Matches(indexed, typed).ShouldBeTrue();

    [Theory]
    [InlineData("ООО «Гранитстрой»", "стройгаз")]
    [InlineData("Иванов Иван", "Петров")]
    [InlineData("Иванов Иван", "Иванов Сергей")]
    public void Query_OfOtherWords_DoesNotMatch(string indexed, string typed) => Matches(indexed, typed).ShouldBeFalse();

    [Fact]
    public void Number_WithEveryTail_MakesAnyRunOfFourDigitsFindable()
    {
        var terms = new SearchText(stems: true).Number("+74951234567", everyTail: true).ToString().Split(' ');
        terms.ShouldContain("74951234567");
        terms.ShouldContain("1234567");
        terms.ShouldContain("4567");
        terms.ShouldNotContain("567");
        // Any fragment is the start of some tail: «5123» starts «5123456 7…».
        terms.Any(t => t.StartsWith("5123", StringComparison.Ordinal)).ShouldBeTrue();
    }

    [Theory]
    [InlineData("8 (495) 123-45-67", "74951234567")]
    [InlineData("+7 495 123-45-67", "74951234567")]
    [InlineData("123-45-67", "1234567")]
    [InlineData("7701", "7701")]
    public void Parse_APhoneOrNumber_IsOneNumberTerm(string typed, string digits)
    {
        var query = SearchQuery.Parse(typed).ShouldNotBeNull();
        query.Terms.ShouldHaveSingleItem().ShouldBe(new QueryTerm(digits, digits, true, true));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("я")]
    [InlineData("12")]
    [InlineData("ООО")]
    public void Parse_NothingLongEnough_IsNull(string typed) => SearchQuery.Parse(typed).ShouldBeNull();

    [Fact]
    public void ToFts5_QuotesEveryTermSoNothingTypedIsSyntax() =>
        SearchQuery.Parse("Иванову \"OR\" NEAR* 7701")!.ToFts5().ShouldBe("""("иванову" OR "иванов" OR "иванов"*) AND "or" AND "near"* AND "7701"*""");

    [Fact]
    public void ToTsQuery_PrefixesEveryTerm() => SearchQuery.Parse("Гранитстрою 7701")!.ToTsQuery().ShouldBe("гранитстрою:* & 7701:*");

    [Fact]
    public void WithoutPrefixes_WordsAsWrittenOrStemmed_NumbersStillPrefixes()
    {
        var exact = SearchQuery.Parse("строительной компании 7701")!.WithoutPrefixes();
        exact.ToFts5().ShouldBe("""("строительной" OR "строительн") AND ("компании" OR "компан") AND "7701"*""");
        exact.ToTsQuery().ShouldBe("строительной & компании & 7701:*");
        exact.HasWordPrefixes.ShouldBeFalse();
        SearchQuery.Parse("7701")!.HasWordPrefixes.ShouldBeFalse();
    }

    /// <summary>The SQLite rule in memory: every query term must match one indexed term (exactly, or as a prefix).</summary>
    private static bool Matches(string indexed, string typed)
    {
        var index = new SearchText(stems: true).Words(indexed).ToString().Split(' ');
        var query = SearchQuery.Parse(typed).ShouldNotBeNull();
        return query.Terms.All(t => index.Any(term => t.Prefix
            ? term.StartsWith(t.Stem, StringComparison.Ordinal) || term == t.Word
            : term == t.Word));
    }
}
