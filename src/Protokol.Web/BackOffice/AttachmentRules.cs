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
        [".docx"] = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "PK\u0003\u0004"u8.ToArray()),
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

        return (content, kind.MediaType);
    }

    /// <summary>The text of a PDF, for search; null when it has none or cannot be read.</summary>
    public static string? PdfText(byte[] content)
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
