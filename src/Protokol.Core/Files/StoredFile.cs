using System.Security.Cryptography;
using Protokol.Core.Common;

namespace Protokol.Core.Files;

/// <summary>
/// A file's bytes, stored once under their SHA-256 (an imported original, an attachment). Kept in
/// the database so both engines, backups and every web process see the same files.
/// </summary>
public sealed class StoredFile : Entity
{
    private StoredFile()
    {
        Sha256 = MediaType = string.Empty;
        Content = [];
    }

    public StoredFile(byte[] content, string mediaType)
    {
        Content = content;
        Sha256 = HashOf(content);
        MediaType = Guard.Text(mediaType, "Filtype", 100);
        SizeBytes = content.LongLength;
    }

    public string Sha256 { get; private set; }

    public string MediaType { get; private set; }

    public long SizeBytes { get; private set; }

    public byte[] Content { get; private set; }

    public static string HashOf(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>The media type of common document extensions.</summary>
    public static string MediaTypeOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".pdf" => "application/pdf",
        ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".html" or ".htm" => "text/html; charset=utf-8",
        ".txt" => "text/plain; charset=utf-8",
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        _ => "application/octet-stream",
    };
}
