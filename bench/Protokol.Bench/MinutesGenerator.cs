using System.Globalization;
using System.Text;

namespace Protokol.Bench;

/// <summary>
/// Deterministic fictional minutes of about 10 KB: councils, people and places drawn from fixed
/// pools, so that people recur across documents the way they do in a real archive.
/// </summary>
internal sealed class MinutesGenerator(int seed)
{
    private static readonly string[] Months = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"];
    private static readonly string[] Councils = ["Ældrerådet", "Handicaprådet", "Integrationsrådet", "Udsatterådet", "Ungerådet", "Folkeoplysningsudvalget", "Grønt Råd", "Kulturrådet", "Erhvervsrådet", "Seniorrådet"];
    private static readonly string[] FirstNames = ["Anna", "Bo", "Carsten", "Dorthe", "Erik", "Frida", "Gitte", "Henrik", "Ida", "Jens", "Karen", "Lars", "Mette", "Niels", "Ole", "Pia", "Rasmus", "Sofie", "Torben", "Ulla", "Vibeke", "Yasmin", "Zaid", "Åse"];
    private static readonly string[] LastNames = ["Andersen", "Bech", "Dahl", "Eriksen", "Frost", "Gram", "Holm", "Iversen", "Juhl", "Kragh", "Lund", "Mørk", "Nørgaard", "Overgaard", "Poulsen", "Qvist", "Riis", "Skov", "Thygesen", "Vang"];
    private static readonly string[] Topics = ["Trafiksikkerhed ved skolerne", "Budget for det kommende år", "Høring om ny sundhedspolitik", "Tilgængelighed i idrætshallerne", "Ensomhed blandt ældre", "Frivilligpuljen", "Bibliotekernes åbningstider", "Boligsocial indsats", "Kollektiv trafik i yderområderne", "Klimaplan for kommunen", "Rådets årsberetning", "Samarbejde med foreningerne"];
    private static readonly string[] Sentences =
    [
        "Forvaltningen gennemgik status og svarede på spørgsmål fra rådets medlemmer.",
        "Rådet drøftede, hvordan borgerne bedst inddrages i det videre arbejde med planen.",
        "Der var enighed om, at sagen skal følges tæt, og at rådet ønsker en ny orientering senere på året.",
        "Flere medlemmer pegede på, at informationen skal nå ud til dem, der ikke bruger digitale kanaler.",
        "Formanden opsummerede drøftelsen og takkede oplægsholderen for et grundigt oplæg.",
        "Rådet bemærkede, at tidsplanen er stram, og at der bør afsættes ressourcer til opfølgning.",
        "Det blev aftalt, at sekretariatet samler rådets bemærkninger i et kort notat.",
        "Medlemmerne delte erfaringer fra egne organisationer og gav eksempler på gode løsninger.",
    ];

    private readonly Random _random = new(seed);

    public string Name() => $"{FirstNames[_random.Next(FirstNames.Length)]} {LastNames[_random.Next(LastNames.Length)]}";

    public (string FileName, string Text) Next(int index)
    {
        var council = Councils[index % Councils.Length];
        var date = new DateOnly(2005, 1, 1).AddDays(index % 7500);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Referat af møde i {council} den {date.Day}. {Months[date.Month - 1]} {date.Year}");
        text.AppendLine("kl. 15.00 – 17.30");
        text.AppendLine(CultureInfo.InvariantCulture, $"Mødet blev holdt på Rådhuset, Torvet {1 + (index % 9)}, 7990 Havnby.");
        var present = Enumerable.Range(0, 9).Select(_ => Name()).Distinct().ToList();
        var absent = Enumerable.Range(0, 2).Select(_ => Name()).Where(n => !present.Contains(n)).Distinct().ToList();
        text.AppendLine("Til stede: " + string.Join(", ", present));
        text.AppendLine("Afbud: " + string.Join(", ", absent));
        text.AppendLine();
        text.AppendLine("1. Godkendelse af referat");
        text.AppendLine("Godkendt");
        text.AppendLine();
        var items = 8 + _random.Next(3);
        for (var i = 2; i <= items; i++)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{i}. {Topics[_random.Next(Topics.Length)]}");
            for (var p = 0; p < 4; p++)
            {
                text.AppendLine(string.Join(' ', Enumerable.Range(0, 3).Select(_ => Sentences[_random.Next(Sentences.Length)])));
            }

            if (_random.Next(4) == 0)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{present[_random.Next(present.Count)].Split(' ')[0]} udarbejder et udkast til rådets bemærkninger inden næste møde.");
            }

            text.AppendLine(_random.Next(2) == 0 ? "Taget til efterretning" : "Godkendt");
            text.AppendLine();
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"{items + 1}. Eventuelt");
        text.AppendLine("Intet.");
        return ($"referat-{index:D5}.txt", text.ToString());
    }
}
