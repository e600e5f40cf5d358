using Protokol.Core.Meetings;

namespace Protokol.Core.Demo;

/// <summary>The invented content of the demo council's meetings, in Danish.</summary>
internal static class DemoTopics
{
    internal sealed record FollowUpSeed(string Text, string Owner, int DueInDays, bool CarryToNextMeeting = true);

    /// <summary>A hearing sent to the council; <paramref name="Subject"/> names the plan's period from the year after the meeting's ({0}–{1}), so each year's is its own.</summary>
    internal sealed record HearingSeed(string Subject, string Sender, int DaysAfterMeeting)
    {
        public string SubjectFor(DateOnly meetingDate) =>
            string.Format(System.Globalization.CultureInfo.InvariantCulture, Subject, meetingDate.Year + 1, meetingDate.Year + 4);
    }

    internal sealed record TopicItem(
        string Title,
        AgendaItemKind Kind,
        string? Agenda,
        string? Minutes,
        string? Decision,
        bool IsPublic = true,
        string? Guest = null,
        string? GuestAffiliation = null,
        FollowUpSeed? FollowUp = null,
        bool Withdrawn = false)
    {
        public IReadOnlyList<TopicItem> SubItems { get; init; } = [];
    }

    internal sealed record Topic(IReadOnlyList<TopicItem> Items, HearingSeed? Hearing = null);

    public static readonly IReadOnlyList<Topic> All =
    [
        new([
            new("Vinterberedskab for borgere i hjemløshed", AgendaItemKind.Information,
                "Socialforvaltningen orienterer om kommunens plan for de koldeste måneder: ekstra nødovernatningspladser, udvidede åbningstider på varmestuen og opsøgende nattevagter.",
                "Thomas Krogh gennemgik planen. Der åbnes 14 ekstra nødovernatningspladser fra 1. december. Rådet spurgte til, om pladserne også kan bruges af borgere med hund, hvilket forvaltningen undersøger.\n\nFlere medlemmer fremhævede, at informationen skal ud på gaden og ikke kun på kommunens hjemmeside.",
                "Taget til efterretning",
                FollowUp: new("Undersøge om nødovernatningen kan modtage borgere med hund, og melde tilbage til rådet", "Thomas Krogh", 30)),
            new("Rådets aktivitetspulje: ansøgninger", AgendaItemKind.Decision,
                "Der er indkommet to ansøgninger til rådets pulje på 40.000 kr.",
                "Rådet behandlede ansøgningerne under underpunkterne.",
                null)
            {
                SubItems =
                [
                    new("Ansøgning fra Foreningen Fristedet om julefrokost for brugere", AgendaItemKind.Decision,
                        "Der søges om 12.000 kr. til mad og transport.", "Lene Bjerregaard deltog ikke i behandlingen på grund af inhabilitet.", "Bevilget med 12.000 kr."),
                    new("Ansøgning fra Netværket for Nye Naboer om tolkebistand", AgendaItemKind.Decision,
                        "Der søges om 8.000 kr. til tolke ved rådgivningsaftener.", "Rådet fandt formålet relevant.", "Bevilget med 6.000 kr."),
                ],
            },
        ]),
        new([
            new("Temadrøftelse: ensomhed blandt udsatte ældre", AgendaItemKind.Discussion,
                "Rådet har ønsket en drøftelse af, hvordan ældre borgere med et langt misbrug fastholdes i fællesskaber, når de flytter i ældrebolig eller plejebolig.",
                "Hanne Østergaard indledte med erfaringer fra Læhegnet, hvor flere beboere mister kontakten til netværket ved flytning. Rådet drøftede muligheden for faste besøgsvenner fra værestederne.",
                "Rådet ønsker at udarbejde en kort anbefaling til Ældre- og Sundhedsudvalget.",
                FollowUp: new("Skrive udkast til anbefaling om besøgsvenner for ældre med misbrug", "Hanne Østergaard", 45)),
            new("Henvendelse fra borger om konkret sag", AgendaItemKind.Information, null,
                "Lukket punkt.", "Rådet videresendte henvendelsen til forvaltningen.", IsPublic: false),
        ], new("Forslag til rusmiddelpolitik {0}–{1}", "Social- og Beskæftigelsesforvaltningen", 14)),
        new([
            new("Boligsocial indsats i Sydhavnen", AgendaItemKind.Information,
                "Boligselskabet Havnbo fortæller om den nye boligsociale helhedsplan og om samarbejdet med værestederne.",
                "Maria Dalsgaard fortalte om helhedsplanen, som blandt andet omfatter en fremskudt gadeplansmedarbejder og et fælles køkken. Rådet roste initiativet og opfordrede til, at brugerrådene får en plads i styregruppen.",
                "Taget til efterretning",
                Guest: "Maria Dalsgaard", GuestAffiliation: "Boligselskabet Havnbo"),
            new("Evaluering af varmestuens åbningstider", AgendaItemKind.Discussion,
                "Varmestuen har i et halvt år forsøgt sig med åbent til kl. 22 om fredagen.",
                "Mogens Aagaard fremlagde tallene: fredag aften er nu den mest besøgte vagt. Rådet anbefaler, at forsøget gøres permanent.",
                "Rådet anbefaler, at de udvidede åbningstider gøres permanente.",
                FollowUp: new("Sende rådets anbefaling om åbningstider til Socialudvalget", "Sofie Kjærgaard Holm", 14, CarryToNextMeeting: false)),
            new("Orientering om ny lovgivning om hjemløshed", AgendaItemKind.Information, "Punktet var sat på med forbehold for, at oplægsholderen kunne deltage.", null, null, Withdrawn: true),
        ]),
        new([
            new("Tryghed omkring banegården", AgendaItemKind.Discussion,
                "Politiet og Tryghedsforum Banegårdskvarteret er inviteret til en drøftelse af de seneste måneders uro og af, hvordan udsatte borgere undgår at blive skubbet rundt i byen.",
                "Henrik Skov orienterede om politiets indsats. Rådet understregede, at visitationszoner og opholdsforbud rammer de mest udsatte, og at der mangler et alternativt opholdssted tæt på banegården.",
                "Rådet beder forvaltningen undersøge muligheden for et overdækket opholdssted.",
                Guest: "Henrik Skov", GuestAffiliation: "Havnby Politi",
                FollowUp: new("Undersøge mulige placeringer af et overdækket opholdssted ved banegården", "Thomas Krogh", 60)),
            new("Rådets årsrapport", AgendaItemKind.Decision,
                "Sekretariatet har udarbejdet udkast til årsrapporten med rådets anbefalinger.",
                "Rådet havde enkelte tilføjelser til afsnittet om sundhed. Rettelserne indarbejdes af sekretariatet.",
                "Godkendt med de nævnte rettelser"),
        ]),
        new([
            new("Sundhedsrum og gadesygepleje", AgendaItemKind.Information,
                "Orientering om erfaringerne med gadesygeplejen og behovet for et sundhedsrum.",
                "Ali Haddad fortalte, at mange nyankomne udsatte ikke kender deres rettigheder i sundhedsvæsenet. Rådet foreslog, at gadesygeplejen får tolkebistand én dag om ugen.",
                "Taget til efterretning"),
            new("Planlægning af rådets temadag", AgendaItemKind.Decision,
                "Rådet afholder hvert år en temadag for medlemmer og brugere.",
                "Rådet besluttede, at temadagen skal handle om brugerinddragelse. Peter Lund Madsen og Lene Bjerregaard står for programmet.",
                "Vedtaget",
                FollowUp: new("Udarbejde program for temadagen om brugerinddragelse", "Peter Lund Madsen", 50)),
        ], new("Udkast til kommunens handleplan for psykisk sundhed {0}–{1}", "Sundhedsforvaltningen", 25)),
    ];

    public static readonly string[] ChairNews =
    [
        "Formanden har deltaget i et dialogmøde med Socialudvalget, hvor rådets anbefalinger fra årsrapporten blev modtaget positivt.",
        "Formanden orienterede om et møde med de øvrige udsatteråd i regionen, hvor man aftalte at udveksle erfaringer om brugerinddragelse.",
        "Formanden har været interviewet til den lokale avis om vinterens situation for hjemløse.",
        "Intet nyt fra formanden.",
    ];

    public static readonly string[] AdministrationNews =
    [
        "Thomas Krogh orienterede om, at budgetforhandlingerne er afsluttet, og at puljen til opsøgende arbejde er videreført.",
        "Forvaltningen har ansat to nye gadeplansmedarbejdere, som vil besøge rådet på et senere møde.",
        "Thomas Krogh orienterede om kommunens nye hjemløsestrategi, som sendes i høring i foråret.",
    ];

    public static readonly string[] AnyOtherBusiness =
    [
        "Mogens Aagaard mindede om sommerfesten på varmestuen.",
        "Intet.",
        "Det blev foreslået, at rådet næste år besøger en af de nye skæve boliger.",
    ];
}
