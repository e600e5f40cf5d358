using Microsoft.AspNetCore.Mvc.RazorPages;
using Protokol.Core.Abstractions;
using Protokol.Core.Registry;
using Protokol.Core.Search;
using Protokol.Web.Search;

namespace Protokol.Web.Pages.Search;

public sealed class IndexModel(ISearchEngine search, IPortalQueries queries) : PageModel
{
    public SearchParameters Parameters { get; private set; } = null!;

    public SearchResult? Result { get; private set; }

    /// <summary>
    /// The query with Danish letters for "oe" and "ae" (<see cref="DanishLetters"/>) and what it finds, when the query as typed
    /// finds nothing and the restored one does.
    /// </summary>
    public (SearchRequest Request, int Total)? Suggestion { get; private set; }

    /// <summary>The name of the person filtered on, when that person is named in public.</summary>
    public string? PersonName { get; private set; }

    public IReadOnlyList<(string Slug, string Name)> AllOrganizations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Parameters = SearchParameters.From(Request.Query);
        var request = Parameters.Request;
        if (request.PersonId is { } personId)
        {
            var person = await queries.GetPersonAsync(personId, year: null, cancellationToken);
            PersonName = person?.Person.Publication == PublicationLevel.Named ? person.Person.Name : null;
        }

        AllOrganizations = await queries.ListSearchableCouncilsAsync(cancellationToken);
        if (!string.IsNullOrWhiteSpace(request.Query) || request.HasFilters)
        {
            Result = await search.SearchAsync(request, cancellationToken);
            if (Result.Total == 0 && DanishLetters.Restore(request.Query) is { } restored)
            {
                var alternative = request with { Query = restored, Page = 1 };
                var found = await search.SearchAsync(alternative with { PageSize = 1 }, cancellationToken);
                Suggestion = found.Total > 0 ? (alternative, found.Total) : null;
            }
        }
    }

    public string Link(SearchRequest request) => SearchParameters.Url("/soeg", request);
}
