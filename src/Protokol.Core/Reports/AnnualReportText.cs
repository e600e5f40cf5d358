using Protokol.Core.Common;
using Protokol.Core.Registry;
using Protokol.Core.Text;

namespace Protokol.Core.Reports;

/// <summary>What the secretary writes for a council's annual report: the foreword and the council's recommendations.</summary>
public sealed class AnnualReportText : Entity
{
    private AnnualReportText()
    {
        Organization = null!;
    }

    public AnnualReportText(Organization organization, int year)
    {
        if (!DanishInput.IsSupportedYear(year))
        {
            throw new DomainRuleException($"{year} er ikke et årstal.");
        }

        Organization = organization;
        Year = year;
    }

    public int OrganizationId { get; private set; }

    public Organization Organization { get; private set; }

    public int Year { get; private set; }

    public string? Foreword { get; private set; }

    public string? Recommendations { get; private set; }

    public void Write(string? foreword, string? recommendations)
    {
        Foreword = Guard.OptionalText(foreword, "Forord", 20_000);
        Recommendations = Guard.OptionalText(recommendations, "Anbefalinger", 20_000);
    }
}
