using System.Text;
using Lucene.Net.Util;
using Protokol.Core.Search;
using Protokol.Search.Analysis;

namespace Protokol.Search.Lucene;

/// <summary>
/// What a hit shows, kept per document as one binary doc value: key, type, title, address, meeting,
/// item number, the text's length and the start of the text a snippet is usually taken from
/// (<see cref="QueryHighlighter.SnippetSource"/>). Reading it is one seek and one copy of a few
/// hundred bytes; the stored fields (LZ4 chunks of 16 KB holding several documents' whole texts)
/// are only read for the rest of a long text, when its start cannot decide the snippet. The date
/// and the organization come from the segment's cached doc values (<see cref="SegmentValues"/>).
/// </summary>
internal readonly record struct HitRecord(string Key, SearchHitType Type, string Title, string Url, int? MeetingId, string? ItemNumber, int TextLength, string TextStart)
{
    private const byte Version = 1;

    /// <summary>The record of a document, and its text after <see cref="TextStart"/> (null when the start is the whole text).</summary>
    public static (HitRecord Record, string? TextRest) Of(SearchDocument d)
    {
        var start = QueryHighlighter.SnippetSource(d.Text);
        var record = new HitRecord(d.Key, d.Type, d.Title, d.Url, d.MeetingId, d.ItemNumber, d.Text.Length, start);
        return (record, start.Length < d.Text.Length ? d.Text[start.Length..] : null);
    }

    public byte[] ToBytes()
    {
        var size = 2 + (5 * 2) + Utf8(Key) + Utf8(Title) + Utf8(Url) + Utf8(ItemNumber ?? string.Empty) + Utf8(TextStart) + (6 * 5);
        var buffer = new byte[size];
        var at = 0;
        buffer[at++] = Version;
        buffer[at++] = (byte)Type;
        WriteNumber(buffer, ref at, MeetingId is { } meeting ? meeting + 1 : 0);
        WriteNumber(buffer, ref at, TextLength);
        WriteText(buffer, ref at, Key);
        WriteText(buffer, ref at, Title);
        WriteText(buffer, ref at, Url);
        WriteNumber(buffer, ref at, ItemNumber is null ? 0 : 1);
        WriteText(buffer, ref at, ItemNumber ?? string.Empty);
        WriteText(buffer, ref at, TextStart);
        return buffer[..at];
    }

    public static HitRecord Read(BytesRef bytes)
    {
        var record = ReadWithoutText(bytes, out var textStart);
        return record with { TextStart = textStart.Length == 0 ? string.Empty : Encoding.UTF8.GetString(textStart) };
    }

    /// <summary>
    /// The record without decoding <see cref="TextStart"/> (left empty): its UTF-8 bytes in
    /// <paramref name="textStart"/>, so a snippet can be taken from them without a string of the whole start.
    /// </summary>
    public static HitRecord ReadWithoutText(BytesRef bytes, out ReadOnlySpan<byte> textStart)
    {
        var span = new ReadOnlySpan<byte>(bytes.Bytes, bytes.Offset, bytes.Length);
        if (span.Length < 2 || span[0] != Version)
        {
            throw new InvalidDataException("the search index holds a hit record of an unknown version");
        }

        var type = (SearchHitType)span[1];
        var at = 2;
        var meeting = ReadNumber(span, ref at);
        var textLength = ReadNumber(span, ref at);
        var key = ReadText(span, ref at);
        var title = ReadText(span, ref at);
        var url = ReadText(span, ref at);
        var hasNumber = ReadNumber(span, ref at) == 1;
        var number = ReadText(span, ref at);
        var startLength = ReadNumber(span, ref at);
        textStart = span.Slice(at, startLength);
        return new HitRecord(key, type, title, url, meeting == 0 ? null : meeting - 1, hasNumber ? number : null, textLength, string.Empty);
    }

    private static int Utf8(string text) => Encoding.UTF8.GetByteCount(text);

    private static void WriteNumber(byte[] buffer, ref int at, int value)
    {
        var remaining = (uint)value;
        while (remaining >= 0x80)
        {
            buffer[at++] = (byte)(remaining | 0x80);
            remaining >>= 7;
        }

        buffer[at++] = (byte)remaining;
    }

    private static int ReadNumber(ReadOnlySpan<byte> span, ref int at)
    {
        uint value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = span[at++];
            value |= (uint)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return (int)value;
            }
        }
    }

    private static void WriteText(byte[] buffer, ref int at, string text)
    {
        var length = Encoding.UTF8.GetBytes(text, buffer.AsSpan(at + 5));
        var prefix = at;
        WriteNumber(buffer, ref prefix, length);
        if (prefix != at + 5)
        {
            buffer.AsSpan(at + 5, length).CopyTo(buffer.AsSpan(prefix));
        }

        at = prefix + length;
    }

    private static string ReadText(ReadOnlySpan<byte> span, ref int at)
    {
        var length = ReadNumber(span, ref at);
        var text = length == 0 ? string.Empty : Encoding.UTF8.GetString(span.Slice(at, length));
        at += length;
        return text;
    }
}
