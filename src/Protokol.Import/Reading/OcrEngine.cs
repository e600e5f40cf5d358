using System.Diagnostics;
using System.Globalization;

namespace Protokol.Import.Reading;

/// <summary>Reads the text of scanned PDF pages (pages with no text layer).</summary>
public interface IPageOcr
{
    /// <summary>Reads the given pages (1-based) of a PDF; the text of each page, in order. Stops between pages when cancelled.</summary>
    IReadOnlyList<(int Page, string Text)> ReadPages(string fileName, byte[] pdf, IReadOnlyList<int> pages, CancellationToken cancellationToken);
}

/// <summary>
/// Reads scanned PDF pages (pages with no text layer) with Tesseract OCR: the page is rendered to an
/// image by poppler's pdftoppm (<see cref="Dpi"/>) and read by tesseract with the Danish model, one thread a page. Both are Debian
/// packages (tesseract-ocr, tesseract-ocr-dan, poppler-utils); without them a scanned page is refused
/// with a one-line message saying what to install.
/// </summary>
public sealed class OcrEngine(string tesseract = "tesseract", string renderer = "pdftoppm", string language = "dan") : IPageOcr
{
    private static readonly TimeSpan PageTimeout = TimeSpan.FromMinutes(2);

    public static OcrEngine Default { get; } = new();

    /// <summary>The resolution pages are rendered at for OCR: Tesseract reads body text best at 300 dpi.</summary>
    public const int Dpi = 300;

    /// <summary>
    /// Tesseract's OpenMP threads per page (OMP_THREAD_LIMIT). One: its threads gain little on a page,
    /// and on a busy server their busy-waiting costs more CPU than they save (measured in docs/importer-notes.md).
    /// </summary>
    public const int Threads = 1;

    /// <summary>The message for a scanned PDF on a machine without the OCR tools.</summary>
    public const string MissingTools = "PDF-filen er scannet (sider uden tekst), og tekstgenkendelse kræver tesseract: installér tesseract-ocr, tesseract-ocr-dan og poppler-utils";

    /// <summary>Reads the given pages (1-based) of a PDF; the text of each page, in order.</summary>
    public IReadOnlyList<(int Page, string Text)> ReadPages(string fileName, byte[] pdf, IReadOnlyList<int> pages) =>
        ReadPages(fileName, pdf, pages, CancellationToken.None);

    /// <inheritdoc />
    public IReadOnlyList<(int Page, string Text)> ReadPages(string fileName, byte[] pdf, IReadOnlyList<int> pages, CancellationToken cancellationToken)
    {
        if (!IsAvailable())
        {
            throw new Parsing.ImportException(fileName, MissingTools);
        }

        var folder = Directory.CreateTempSubdirectory("protokol-ocr-");
        try
        {
            var input = Path.Combine(folder.FullName, "input.pdf");
            File.WriteAllBytes(input, pdf);
            var result = new List<(int, string)>(pages.Count);
            foreach (var page in pages)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var number = page.ToString(CultureInfo.InvariantCulture);
                var image = Path.Combine(folder.FullName, "page-" + number);
                Run(fileName, renderer, ["-r", Dpi.ToString(CultureInfo.InvariantCulture), "-gray", "-png", "-singlefile", "-f", number, "-l", number, input, image]);
                result.Add((page, Run(fileName, tesseract, [image + ".png", "stdout", "-l", language])));
            }

            return result;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Whether both tools and the language model are installed.</summary>
    public bool IsAvailable()
    {
        try
        {
            var languages = Run("tesseract", tesseract, ["--list-langs"]);
            return languages.Split('\n').Any(l => l.Trim() == language) && Run("pdftoppm", renderer, ["-v"]) is not null;
        }
        catch (Parsing.ImportException)
        {
            return false;
        }
    }

    private static string Run(string fileName, string tool, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["OMP_THREAD_LIMIT"] = Threads.ToString(CultureInfo.InvariantCulture);

        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            process = null;
        }

        if (process is null)
        {
            throw new Parsing.ImportException(fileName, MissingTools);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(PageTimeout))
            {
                process.Kill(entireProcessTree: true);
                throw new Parsing.ImportException(fileName, "tekstgenkendelsen af en scannet side tog for lang tid");
            }

            // pdftoppm -v and tesseract --list-langs print to standard error on some versions.
            var text = output.GetAwaiter().GetResult() + (process.ExitCode == 0 ? error.GetAwaiter().GetResult() : string.Empty);
            return process.ExitCode == 0 || arguments.Contains("-v")
                ? text
                : throw new Parsing.ImportException(fileName, $"tekstgenkendelsen af en scannet side mislykkedes ({Path.GetFileName(tool)}: {error.GetAwaiter().GetResult().Split('\n')[0].Trim()})");
        }
    }
}
