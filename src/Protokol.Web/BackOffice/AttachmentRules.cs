using System.Runtime.CompilerServices;
using Protokol.Core.Common;
using Protokol.Import.Parsing;
using Protokol.Import.Reading;

namespace Protokol.Web.BackOffice;

/// <summary>
/// What may be attached to a meeting (bilag): PDF, Word documents and images, at most 20 MB, checked
/// by the file's first bytes as well as its name, so a renamed program is refused.
/// </summary>
public static class AttachmentRules
{
    public const int MaxBytes = 20 * 1024 * 1024;

    /// <summary>The largest upload read to be refused with the rule's message rather than ended before the handler.</summary>
    public const long MaxUploadBytes = 5L * MaxBytes;

    private static readonly Dictionary<string, (string MediaType, byte[] Magic)> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = (PdfType, "%PDF-"u8.ToArray()),
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
            throw new DomainRuleException($"\"{name}\" fylder {Math.Ceiling(file.Length / 104_857.6) / 10:0.0} MB; et bilag må højst fylde {MaxBytes / 1_048_576} MB.");
        }

        using var memory = new MemoryStream();
        await file.CopyToAsync(memory, cancellationToken);
        var content = memory.ToArray();
        if (!content.AsSpan().StartsWith(kind.Magic))
        {
            throw new DomainRuleException($"\"{name}\" er ikke en rigtig {Path.GetExtension(name).TrimStart('.').ToUpperInvariant()}-fil.");
        }

        if (kind.MediaType is DocxType or PdfType)
        {
            // Read once, within the limits every document Protokol opens goes through; the text is kept for Text().
            try
            {
                var text = await Reader.ReadIsolatedAsync(name, Path.GetExtension(name).ToLowerInvariant(), content, cancellationToken);
                Extracted.AddOrUpdate(content, new StrongBox<string?>(Join(text)));
            }
            catch (ImportException e)
            {
                throw new DomainRuleException(Refusal(name, kind.MediaType, e.Reason));
            }
        }

        return (content, kind.MediaType);
    }

    /// <summary>The text of a PDF or Word attachment, for search; null for images and unreadable files.</summary>
    public static string? Text(byte[] content, string mediaType)
    {
        if (mediaType is not (DocxType or PdfType))
        {
            return null;
        }

        if (Extracted.TryGetValue(content, out var known))
        {
            return known.Value;
        }

        try
        {
            return Join(Reader.Read("bilag" + (mediaType == PdfType ? ".pdf" : ".docx"), mediaType == PdfType ? ".pdf" : ".docx", content));
        }
        catch (ImportException)
        {
            return null;
        }
    }

    private const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private const string PdfType = "application/pdf";
    private const int MaxTextLength = 200_000;

    private static readonly DocumentReader Reader = new(ImportLimits.Attachments);

    /// <summary>Text read at upload, so the page that stores the attachment does not read the file a second time.</summary>
    private static readonly ConditionalWeakTable<byte[], StrongBox<string?>> Extracted = [];

    private static string Join(SourceText text)
    {
        var joined = string.Join("\n", text.Lines.Select(l => l.Text).Where(t => t.Length > 0));
        return joined.Length > MaxTextLength ? joined[..MaxTextLength] : joined;
    }

    private static string Refusal(string name, string mediaType, string reason) =>
        reason.Contains("grænsen", StringComparison.Ordinal) || reason.Contains("mere end", StringComparison.Ordinal) || reason.Contains("kunne ikke læses på", StringComparison.Ordinal)
            ? $"\"{name}\" kan ikke vedhæftes: {reason}."
            : mediaType == PdfType
                ? $"\"{name}\" er en beskadiget PDF-fil, der ikke kan åbnes. Gem den igen som PDF, og prøv igen."
                : $"\"{name}\" er ikke et Word-dokument, der kan åbnes (en .docx-fil fra Word, LibreOffice eller lignende).";
}
