using System.Text;
using Letopis.Core.Documents.Files;

namespace Letopis.Core.Tests.Documents;

public class FileNamesTests
{
    [Theory]
    [InlineData("Смета № 5.xlsx", "Смета № 5.xlsx")]
    [InlineData("invoice\u202Efdp.exe", "invoicefdp.exe")]
    [InlineData("a\u200B\u200C\u2060\uFEFFb.pdf", "ab.pdf")]
    [InlineData("\u200Fسند.pdf", "سند.pdf")]
    [InlineData("CON", "_CON")]
    [InlineData("con.txt", "_con.txt")]
    [InlineData("NUL.txt", "_NUL.txt")]
    [InlineData("COM1.tar.gz", "_COM1.tar.gz")]
    [InlineData("CONSOLE.txt", "CONSOLE.txt")]
    [InlineData("a.txt:stream", "a.txt_stream")]
    [InlineData("a*b?.pdf", "a_b_.pdf")]
    [InlineData("..\\..\\x.pdf", "x.pdf")]
    [InlineData("dir/sub/", "file")]
    [InlineData("  отчёт .  ", "отчёт")]
    [InlineData("...", "file")]
    public void Clean_GivesANameEverySystemSavesAndShowsAsItIs(string name, string expected) =>
        FileNames.Clean(name).ShouldBe(expected);

    [Fact]
    public void Clean_UnpairedSurrogate_IsRemoved() =>
        FileNames.Clean("a\uD800b\uDC00.txt").ShouldBe("ab.txt");

    [Fact]
    public void Clean_LongName_IsCutTo255BytesKeepingTheExtensionAndWholeCharacters()
    {
        var emoji = string.Concat(Enumerable.Repeat("👍🏽", 100));
        var cleaned = FileNames.Clean(emoji + ".docx");

        Encoding.UTF8.GetByteCount(cleaned).ShouldBeLessThanOrEqualTo(FileNames.MaxBytes);
        cleaned.ShouldEndWith(".docx");
        // Never half a character: each 👍🏽 (8 bytes) is kept whole or not at all.
        (cleaned.Length - ".docx".Length).ShouldBe(31 * 4);
        cleaned.ShouldStartWith("👍🏽");
    }
}
