using System.Globalization;
using System.Text;
using Protokol.Core.Meetings;
using Protokol.Core.Search;
using Protokol.Core.Text;

namespace Protokol.Web.Search;

/// <summary>
/// The search request as it travels in a URL, in Danish parameter names shared by the page, the
/// JSON endpoint and the links between them: q, raad, fra, til, person, type, art, beslutning,
/// sortering, side, antal. Values that cannot be read are dropped with a notice, never an error.
/// </summary>
public sealed record SearchParameters(SearchRequest Request, IReadOnlyList<string> Notices)
{
    public static readonly IReadOnlyList<(string Value, SearchHitType Type, string Label)> Types =
    [
        ("punkt", SearchHitType.Item, "Dagsordenspunkter"),
        ("moede", SearchHitType.Meeting, "Møder"),
        ("person", SearchHitType.Person, "Personer"),
        ("hoering", SearchHitType.Hearing, "Høringer"),
    ];

    public static readonly IReadOnlyList<(string Value, AgendaItemKind Kind, string Label)> Kinds =
    [
        ("orientering", AgendaItemKind.Information, "Orientering"),
        ("droeftelse", AgendaItemKind.Discussion, "Drøftelse"),
        ("beslutning", AgendaItemKind.Decision, "Beslutning"),
        ("hoering", AgendaItemKind.Hearing, "Høring"),
    ];

    public static readonly IReadOnlyList<(string Value, SearchSort Sort, string Label)> Sorts =
    [
        ("relevans", SearchSort.Relevance, "Bedste match"),
        ("nyeste", SearchSort.Newest, "Nyeste først"),
        ("aeldste", SearchSort.Oldest, "Ældste først"),
    ];

    public static string Singular(SearchHitType type) => type switch
    {
        SearchHitType.Meeting => "Møde",
        SearchHitType.Person => "Person",
        SearchHitType.Hearing => "Høring",
        _ => "Dagsordenspunkt",
    };

    public static SearchParameters From(IQueryCollection query)
    {
        var notices = new List<string>();
        var request = new SearchRequest
        {
            Query = Clean(query["q"].ToString()),
            Organizations = query["raad"].Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()).ToList(),
            From = Date(query["fra"], "Fra-datoen", notices),
            To = Date(query["til"], "Til-datoen", notices),
            PersonId = Number(query["person"]),
            Type = TypeOf(query["type"].ToString(), notices),
            Kind = Kinds.FirstOrDefault(k => k.Value == query["art"].ToString()) is { Value: not null } kind ? kind.Kind : null,
            HasDecision = query["beslutning"].ToString() is "1" or "true" or "on",
            Sort = Sorts.FirstOrDefault(s => s.Value == query["sortering"].ToString()) is { Value: not null } sort ? sort.Sort : SearchSort.Relevance,
            Page = Number(query["side"]) ?? 1,
            PageSize = Number(query["antal"]) ?? 20,
        };
        if (request.From is { } from && request.To is { } to && to < from)
        {
            notices.Add("Til-datoen lå før fra-datoen; de er byttet om.");
            request = request with { From = to, To = from };
        }

        return new SearchParameters(request.Normalized(), notices);
    }

    /// <summary>
    /// The kind of hit asked for: the portal's Danish value, or the name the JSON gives a hit's type (<c>item</c>, <c>meeting</c>,
    /// <c>person</c>, <c>hearing</c>: a developer sends back what the answer said); anything else is no filter, with a notice naming the values.
    /// </summary>
    private static SearchHitType? TypeOf(string value, List<string> notices)
    {
        value = value.Trim();
        if (value.Length == 0)
        {
            return null;
        }

        foreach (var (danish, type, _) in Types)
        {
            if (string.Equals(value, danish, StringComparison.OrdinalIgnoreCase)
                || string.Equals(value, global::Protokol.Search.SearchEngine.TypeName(type), StringComparison.OrdinalIgnoreCase))
            {
                return type;
            }
        }

        notices.Add($"Typen \"{(value.Length > 40 ? value[..40] + "…" : value)}\" findes ikke, så der er søgt i alle typer. Brug punkt, moede, person eller hoering.");
        return null;
    }

    /// <summary>The URL of this search with some values changed (facets, paging, removing a filter).</summary>
    public static string Url(string path, SearchRequest request)
    {
        // One builder, no list of parts: the facets' and pages' links are made per request, many of them.
        var builder = new StringBuilder(path, path.Length + 64);
        var first = true;
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                builder.Append(first ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
                first = false;
            }
        }

        Add("q", request.Query);
        foreach (var slug in request.Organizations)
        {
            Add("raad", slug);
        }

        Add("fra", request.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("til", request.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("person", request.PersonId?.ToString(CultureInfo.InvariantCulture));
        foreach (var t in Types)
        {
            if (t.Type == request.Type)
            {
                Add("type", t.Value);
                break;
            }
        }

        foreach (var k in Kinds)
        {
            if (k.Kind == request.Kind)
            {
                Add("art", k.Value);
                break;
            }
        }

        Add("beslutning", request.HasDecision ? "1" : null);
        Add("sortering", request.Sort == SearchSort.Relevance ? null : Sorts.First(s => s.Sort == request.Sort).Value);
        Add("side", request.Page > 1 ? request.Page.ToString(CultureInfo.InvariantCulture) : null);
        Add("antal", request.PageSize != 20 ? request.PageSize.ToString(CultureInfo.InvariantCulture) : null);
        return builder.ToString();
    }

    private static DateOnly? Date(string? text, string name, List<string> notices)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "d-M-yyyy", "d.M.yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year) && DanishInput.IsSupportedYear(year))
        {
            return name.StartsWith("Til", StringComparison.Ordinal) ? new DateOnly(year, 12, 31) : new DateOnly(year, 1, 1);
        }

        notices.Add($"{name} \"{Shorten(text)}\" blev ikke forstået (skriv fx 2020-03-31) og er ikke brugt.");
        return null;
    }

    /// <summary>Control characters and noncharacters cannot be shown back in a page or a feed; very long input is cut (the parser says so).</summary>
    private static string Clean(string text)
    {
        text = global::Protokol.Core.Text.UnicodeText.WithoutInvalid(text);
        if (text.Length > 2 * SearchQueryParser.MaxLength)
        {
            text = text[..(2 * SearchQueryParser.MaxLength)];
        }

        return string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        }).Trim();
    }

    private static int? Number(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
