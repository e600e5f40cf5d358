using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Protokol.Core.Common;
using UglyToad.PdfPig;

namespace Protokol.Web.BackOffice;

/// <summary>
/// What may be attached to a meeting (bilag): PDF, Word documents and images, at most 20 MB, checked
/// by the file's first bytes as well as its name, so a renamed program is refused.
/// </summary>
public static class AttachmentRules
{
    public const int MaxBytes = 20 * 1024 * 1024;

    private static readonly Dictionary<string, (string MediaType, byte[] Magic)> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = ("application/pdf", "%PDF-"u8.ToArray()),
        [".docx"] = (DocxType, "PK\u0003\u0004"u8.ToArray()),
        [".png"] = ("image/png", [0x89, (byte)'P', (byte)'N', (byte)'G']),
        [".jpg"] = ("image/jpeg", [0xFF, 0xD8, 0xFF]),
        [".jpeg"] = ("image/jpeg", [0xFF, 0xD8, 0xFF]),
    };

    public static async Task<(byte[] Content, string MediaType)> ReadAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            throw new DomainRuleException("Vælg en fil at vedhæfte.");
        }

        var name = Path.GetFileName(file.FileName);
        if (!Allowed.TryGetValue(Path.GetExtension(name), out var kind))
        {
            throw new DomainRuleException($"\"{name}\": kun PDF, Word (.docx) og billeder (.png, .jpg) kan vedhæftes.");
        }

        if (file.Length > MaxBytes)
        {
            throw new DomainRuleException($"\"{name}\" fylder {file.Length / 1_048_576.0:0.0} MB; et bilag må højst fylde {MaxBytes / 1_048_576} MB.");
        }

        using var memory = new MemoryStream();
        await file.CopyToAsync(memory, cancellationToken);
        var content = memory.ToArray();
        if (!content.AsSpan().StartsWith(kind.Magic))
        {
            throw new DomainRuleException($"\"{name}\" er ikke en rigtig {Path.GetExtension(name).TrimStart('.').ToUpperInvariant()}-fil.");
        }

        if (kind.MediaType == DocxType && DocxText(content) is null)
        {
            throw new DomainRuleException($"\"{name}\" er ikke et Word-dokument, der kan åbnes (en .docx-fil fra Word, LibreOffice eller lignende).");
        }

        return (content, kind.MediaType);
    }

    /// <summary>The text of a PDF or Word attachment, for search; null for images and unreadable files.</summary>
    public static string? Text(byte[] content, string mediaType) => mediaType switch
    {
        "application/pdf" => PdfText(content),
        DocxType => DocxText(content),
        _ => null,
    };

    private const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private static string? DocxText(byte[] content)
    {
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var document = WordprocessingDocument.Open(stream, false);
            var body = document.MainDocumentPart?.Document?.Body;
            if (body is null)
            {
                return null;
            }

            var text = string.Join("\n", body.Descendants<Paragraph>().Select(p => p.InnerText).Where(t => t.Length > 0));
            return text.Length > 200_000 ? text[..200_000] : text;
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or OpenXmlPackageException or IOException or InvalidOperationException or System.Xml.XmlException or NotSupportedException)
        {
            return null;
        }
    }

    private static string? PdfText(byte[] content)
    {
        try
        {
            using var pdf = PdfDocument.Open(content);
            var text = string.Join("\n", pdf.GetPages().Take(200).Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
            return text.Length > 200_000 ? text[..200_000] : text;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or IndexOutOfRangeException or NullReferenceException or KeyNotFoundException)
        {
            return null;
        }
    }
}
