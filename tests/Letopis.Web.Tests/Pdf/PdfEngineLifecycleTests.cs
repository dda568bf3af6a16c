using System.Diagnostics;
using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Letopis.Core.Templates;
using Letopis.Infrastructure.Pdf;
using Letopis.TestKit;
using Letopis.Web.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Letopis.Web.Tests.Pdf;

public sealed class PdfEngineLifecycleTests
{
    [Fact]
    public async Task FromHtml_BrowserKilled_NextCallStartsAnother()
    {
        await using var engine = PdfTestKit.Engine(new PdfOptions());
        (await engine.FromHtmlAsync(PdfTestKit.Html("<p>Первый</p>"), CancellationToken.None)).IsSuccess.ShouldBeTrue();
        var first = engine.Chromium.BrowserProcessId.ShouldNotBeNull();

        using (var process = Process.GetProcessById(first))
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        var result = await engine.FromHtmlAsync(PdfTestKit.Html("<p>Второй</p>"), CancellationToken.None);

        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        PdfTestKit.Text(result.Value).ShouldBe("Второй");
        engine.Chromium.Launches.ShouldBe(2);
        engine.Chromium.BrowserProcessId.ShouldNotBe(first);
    }

    [Fact]
    public async Task Dispose_WarmBrowser_EndsItsProcess()
    {
        var engine = PdfTestKit.Engine(new PdfOptions());
        (await engine.FromHtmlAsync(PdfTestKit.Html("<p>Тест</p>"), CancellationToken.None)).IsSuccess.ShouldBeTrue();
        using var process = Process.GetProcessById(engine.Chromium.BrowserProcessId.ShouldNotBeNull());

        await engine.DisposeAsync();

        process.WaitForExit(10_000).ShouldBeTrue();
    }

    [Fact]
    public async Task FromHtml_ChromiumMissing_NamesThePackage()
    {
        await using var engine = PdfTestKit.Engine(new PdfOptions { ChromiumPath = "/nonexistent/chromium" });

        var result = await engine.FromHtmlAsync(PdfTestKit.Html("<p>Тест</p>"), CancellationToken.None);

        result.Error.ShouldNotBeNull().Code.ShouldBe(PdfErrors.EngineMissing);
        result.Error.Extensions.ShouldNotBeNull()["package"].ShouldBe("chromium");
        engine.Chromium.Launches.ShouldBe(0);
    }

    [Fact]
    public async Task FromDocx_LibreOfficeMissing_NamesThePackage()
    {
        await using var engine = PdfTestKit.Engine(new PdfOptions { SofficePath = "/nonexistent/soffice" });

        var result = await engine.FromDocxAsync(Docx("Акт"), CancellationToken.None);

        result.Error.ShouldNotBeNull().Code.ShouldBe(PdfErrors.EngineMissing);
        result.Error.Extensions.ShouldNotBeNull()["package"].ShouldBe("libreoffice-writer-nogui");
    }

    [Fact]
    public async Task FromDocx_CyrillicText_ComesOutInThePdf()
    {
        await using var engine = PdfTestKit.Engine(new PdfOptions());

        var result = await engine.FromDocxAsync(Docx("Акт выполненных работ: Ёлкин и партнёры"), CancellationToken.None);

        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        var text = PdfTestKit.Text(result.Value);
        text.ShouldContain("Акт выполненных работ:");
        text.ShouldContain("Ёлкин");
        text.ShouldContain("партнёры");
    }

    [Fact]
    public async Task FromDocx_NotAWordFile_FailsWithTheEngineError()
    {
        var work = Directory.CreateTempSubdirectory("letopis-pdf-work-");
        try
        {
            await using var engine = PdfTestKit.Engine(new PdfOptions { WorkDirectory = work.FullName });

            var result = await engine.FromDocxAsync("PK\u0003\u0004 not a zip"u8.ToArray(), CancellationToken.None);

            // LibreOffice opens nearly anything as text; whatever it makes, nothing is left behind.
            if (!result.IsSuccess)
                result.Error!.Code.ShouldBe(PdfErrors.EngineFailed);
            work.GetFileSystemInfos().ShouldBeEmpty();
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task FromDocx_ConverterHangs_TimesOutAndKillsItsProcesses()
    {
        var dir = Directory.CreateTempSubdirectory("letopis-hang-");
        try
        {
            var pidFile = Path.Combine(dir.FullName, "pid");
            var script = Path.Combine(dir.FullName, "soffice");
            // Stands in for a LibreOffice that never finishes: a shell with a child, like /usr/bin/soffice.
            await File.WriteAllTextAsync(script, $"#!/bin/sh\nsleep 60 &\necho $! > {pidFile}\nwait\n");
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var work = dir.CreateSubdirectory("work");
            await using var engine = PdfTestKit.Engine(new PdfOptions { SofficePath = script, TimeoutSeconds = 1, WorkDirectory = work.FullName });
            var clock = Stopwatch.StartNew();

            var result = await engine.FromDocxAsync(Docx("Акт"), CancellationToken.None);

            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
            result.Error.ShouldNotBeNull().Code.ShouldBe(PdfErrors.EngineFailed);
            var sleeper = int.Parse(await File.ReadAllTextAsync(pidFile), CultureInfo.InvariantCulture);
            ProcessAlive(sleeper).ShouldBeFalse();
            work.GetFileSystemInfos().ShouldBeEmpty();
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Registration_Host_ServesTheEngineAndMapsItsErrors()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);

        var engine = host.Services.GetRequiredService<IPdfEngine>();
        engine.ShouldBeSameAs(host.Services.GetRequiredService<PdfEngine>());
        var problems = host.Services.GetRequiredService<ProblemWriter>();
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("ru-RU");
            var missing = problems.Create(PdfErrors.Missing("chromium"));
            missing.Status.ShouldBe(503);
            missing.Title.ShouldStartWith("На этом сервере нельзя сформировать PDF");
            missing.Extensions["code"].ShouldBe("pdf_engine_missing");
            missing.Extensions["package"].ShouldBe("chromium");
            CultureInfo.CurrentUICulture = new CultureInfo("en-US");
            problems.Create(PdfErrors.Failed("timeout")).Title.ShouldBe("The PDF could not be made; try again, or print the HTML view");
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }

    internal static byte[] Docx(string text)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(
                new Paragraph(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }))));
        }
        return stream.ToArray();
    }

    /// <summary>Running or sleeping; a killed process waiting to be reaped (state Z) counts as gone.</summary>
    private static bool ProcessAlive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        try
        {
            var text = File.ReadAllText(stat);
            return text[(text.LastIndexOf(')') + 2)..].FirstOrDefault() is not ('Z' or 'X');
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }
}
