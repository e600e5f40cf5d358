
namespace Protokol.Import.Cleaning;

/// <summary>The header labels of minutes' front pages, shared by the cleaning rules that split and join labels.</summary>
internal static class HeaderLabels
{
    public const string Place = "sted|mødested|mødelokale|lokale|adresse|lokation|mødelokation";

    public const string Time = "dato|mødedato|tid|tidspunkt|mødetidspunkt|starttidspunkt|sluttidspunkt";

    public const string People = "deltagere|deltagerer|mødedeltagere|medlemmer|afbud|fraværende|referent|ordstyrer|tilstede|til stede|gæster";

    public const string Other = "udvalg|møde|forum";
}
