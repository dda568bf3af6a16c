using System.Diagnostics;
using System.Net.Sockets;
using Letopis.Core.Templates;
using Letopis.Infrastructure.Pdf;

namespace Letopis.Web.Tests.Pdf;

public sealed class HtmlPdfTests(PdfEngineFixture fixture) : IClassFixture<PdfEngineFixture>
{
    private readonly PdfEngine _engine = fixture.Engine;

    [Fact]
    public async Task FromHtml_CyrillicWithYo_ComesOutAsRealText()
    {
        var result = await _engine.FromHtmlAsync(PdfTestKit.Html(
            "<h1>Договор поставки № 17</h1><p>Покупатель: ООО «Ёлкин и партнёры», ИНН 7707083893.</p><p>Сумма: сто двадцать три тысячи рублей 45 копеек</p>"),
            CancellationToken.None);

        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        var text = PdfTestKit.Text(result.Value);
        text.ShouldContain("Договор");
        text.ShouldContain("«Ёлкин");
        text.ShouldContain("партнёры»");
        text.ShouldContain("7707083893");
        text.ShouldContain("копеек");
    }

    [Fact]
    public async Task FromHtml_PageBreak_MakesTwoA4Pages()
    {
        var result = await _engine.FromHtmlAsync(PdfTestKit.Html(
            "<p>Первая страница</p><div style=\"break-before: page\">Вторая страница</div>"), CancellationToken.None);

        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        using var document = PdfTestKit.Open(result.Value);
        document.NumberOfPages.ShouldBe(2);
        string.Join(" ", document.GetPage(1).GetWords().Select(w => w.Text)).ShouldBe("Первая страница");
        string.Join(" ", document.GetPage(2).GetWords().Select(w => w.Text)).ShouldBe("Вторая страница");
        // A4 is 595 × 842 points.
        document.GetPage(1).Width.ShouldBe(595, 1);
        document.GetPage(1).Height.ShouldBe(842, 1);
    }

    [Fact]
    public async Task FromHtml_CssPageSize_IsHonoured()
    {
        var result = await _engine.FromHtmlAsync(PdfTestKit.Html("<p>Акт</p>", "@page { size: A5 landscape; margin: 10mm }"), CancellationToken.None);

        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        using var document = PdfTestKit.Open(result.Value);
        document.GetPage(1).Width.ShouldBe(595, 1);
        document.GetPage(1).Height.ShouldBe(420, 1);
    }

    [Fact]
    public async Task FromHtml_NetworkFileAndScriptReferences_AreNotFollowed()
    {
        using var counter = new ConnectionCounter();
        var secret = Path.Combine(Path.GetTempPath(), $"letopis-secret-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(secret, "SECRETMARKER");
        var url = $"http://127.0.0.1:{counter.Port}";
        try
        {
            var result = await _engine.FromHtmlAsync(PdfTestKit.Html(
                $"""
                <p>Письмо</p>
                <img src="{url}/logo.png">
                <link rel="stylesheet" href="{url}/style.css">
                <div style="background-image: url('{url}/bg.png')">фон</div>
                <iframe src="{url}/frame"></iframe>
                <iframe src="file://{secret}"></iframe>
                <object data="file://{secret}" type="text/plain"></object>
                <script>document.write('SCRIPTMARKER'); fetch('{url}/js');</script>
                """, $"@import url('{url}/import.css'); @font-face {{ font-family: X; src: url('{url}/f.woff') }} body {{ font-family: X, serif }}"),
                CancellationToken.None);

            result.IsSuccess.ShouldBeTrue(result.Error?.Message);
            var text = PdfTestKit.Text(result.Value);
            text.ShouldContain("Письмо");
            text.ShouldNotContain("SECRETMARKER");
            text.ShouldNotContain("SCRIPTMARKER");
            await Task.Delay(300);
            counter.Connections.ShouldBe(0);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public async Task FromHtml_ConnectionCounter_SeesAnOrdinaryFetch()
    {
        // The fence test above is only worth something if the counter does count.
        using var counter = new ConnectionCounter();
        using (var client = new TcpClient())
            await client.ConnectAsync("127.0.0.1", counter.Port);
        await Task.Delay(200);
        counter.Connections.ShouldBe(1);
    }

    [Fact]
    public async Task FromHtml_EightParallelCalls_AllSucceedInOneBrowser()
    {
        await using var engine = PdfTestKit.Engine(new PdfOptions());

        var results = await Task.WhenAll(Enumerable.Range(1, 8).Select(i =>
            engine.FromHtmlAsync(PdfTestKit.Html($"<p>Счёт № {i}</p>"), CancellationToken.None)));

        for (var i = 0; i < results.Length; i++)
        {
            results[i].IsSuccess.ShouldBeTrue(results[i].Error?.Message);
            PdfTestKit.Text(results[i].Value).ShouldBe($"Счёт № {i + 1}");
        }
        engine.Chromium.Launches.ShouldBe(1);
        var pid = engine.Chromium.BrowserProcessId.ShouldNotBeNull();
        Process.GetProcessById(pid).HasExited.ShouldBeFalse();
    }
}
