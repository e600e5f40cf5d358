namespace Protokol.Import.Parsing;

/// <summary>
/// Common given names in Denmark (Danish, Nordic and the most frequent names of immigrant families), for telling where one
/// person's name ends and the next begins when a converter has dropped the separators of a list. A name missing here only
/// means that a run of names is split less, never that a name is refused.
/// </summary>
internal static class GivenNames
{
    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        // Men
        "Aage", "Aksel", "Adam", "Adrian", "Albert", "Alexander", "Alf", "Alfred", "Allan", "Anders", "Andreas", "Anker", "Anton",
        "Arne", "Arnold", "Asbjørn", "Asger", "Aske", "August", "Axel", "Benjamin", "Benny", "Bent", "Bernhard", "Birger", "Bjarke",
        "Bjarne", "Bjørn", "Bo", "Brian", "Bruno", "Børge", "Carl", "Carlo", "Carsten", "Casper", "Christian", "Christoffer",
        "Christopher", "Claus", "Dan", "Daniel", "David", "Dennis", "Ebbe", "Egon", "Ejnar", "Einar", "Elias", "Emil", "Erik",
        "Erling", "Ernst", "Esben", "Eskild", "Finn", "Flemming", "Frank", "Frederik", "Frits", "Frode", "Gert", "Gerhard", "Gorm",
        "Gunnar", "Hans", "Harald", "Helge", "Henning", "Henrik", "Herluf", "Holger", "Ib", "Ivan", "Jacob", "Jakob", "Jan",
        "Jannik", "Jens", "Jeppe", "Jesper", "Jimmy", "Joachim", "Johan", "Johannes", "John", "Johnny", "Jon", "Jonas", "Jonathan",
        "Jørgen", "Jørn", "Kai", "Kaj", "Karl", "Karsten", "Kasper", "Keld", "Kenneth", "Kent", "Kim", "Kjeld", "Kjell", "Klaus",
        "Knud", "Kristian", "Kristoffer", "Kurt", "Lars", "Lasse", "Leif", "Lennart", "Leo", "Lucas", "Lukas", "Magnus", "Mads",
        "Malthe", "Marc", "Marcus", "Mark", "Markus", "Martin", "Mathias", "Mattias", "Max", "Michael", "Michel", "Mikael", "Mike",
        "Mikkel", "Mogens", "Morten", "Nicklas", "Niclas", "Nicolai", "Niels", "Nikolaj", "Nils", "Noah", "Ole", "Oliver", "Oscar",
        "Oskar", "Otto", "Ove", "Palle", "Patrick", "Peder", "Per", "Peter", "Philip", "Phillip", "Poul", "Preben", "Rasmus",
        "René", "Richard", "Robert", "Robin", "Rolf", "Rune", "Sebastian", "Simon", "Steen", "Sten", "Stefan", "Steffen", "Stig",
        "Svend", "Sven", "Søren", "Thomas", "Thor", "Thorkild", "Tim", "Tobias", "Tom", "Tommy", "Tonny", "Torben", "Tore",
        "Torkild", "Troels", "Uffe", "Ulrik", "Valdemar", "Verner", "Victor", "Viktor", "Vilhelm", "Villads", "Villy", "Vagn",
        "William", "Willy",

        // Women
        "Agnes", "Agnete", "Alberte", "Alice", "Alma", "Amalie", "Amanda", "Ane", "Anette", "Anita", "Anja", "Ann", "Anna", "Anne",
        "Annette", "Anni", "Annie", "Astrid", "Aase", "Benedikte", "Bente", "Berit", "Betina", "Bettina", "Birgit", "Birgitte",
        "Birte", "Birthe", "Bodil", "Britt", "Britta", "Camilla", "Caroline", "Cathrine", "Cecilie", "Charlotte", "Christa",
        "Christina", "Christine", "Clara", "Connie", "Conni", "Dagmar", "Ditte", "Dorte", "Dorthe", "Ebba", "Edith", "Ella", "Ellen",
        "Else", "Elsebeth", "Emilie", "Emma", "Erna", "Eva", "Frida", "Gitte", "Grete", "Grethe", "Gudrun", "Gunhild", "Hanna",
        "Hannah", "Hanne", "Hedvig", "Helen", "Helena", "Helene", "Helle", "Henriette", "Ida", "Inga", "Inge", "Inger", "Ingrid",
        "Irene", "Jane", "Janne", "Jeanette", "Jette", "Johanne", "Josefine", "Julie", "Kamilla", "Karen", "Karin", "Karina", "Kate",
        "Katja", "Katrine", "Kirsten", "Kirstine", "Kristina", "Kristine", "Laila", "Laura", "Lea", "Lena", "Lene", "Lilly", "Line",
        "Lis", "Lisa", "Lisbeth", "Lisbet", "Lise", "Liselotte", "Lone", "Lotte", "Louise", "Lærke", "Maiken", "Maja", "Malene",
        "Margit", "Margrethe", "Maria", "Mariane", "Marianne", "Marie", "Marlene", "Mathilde", "Merete", "Mette", "Mia", "Mie",
        "Mona", "Nadia", "Naja", "Nanna", "Nina", "Olga", "Pernille", "Pia", "Randi", "Rikke", "Rita", "Ruth", "Sanne", "Sara",
        "Sarah", "Sidsel", "Signe", "Sofie", "Solveig", "Sonja", "Sophie", "Stine", "Susanne", "Susan", "Tanja", "Tina", "Tine",
        "Tove", "Trine", "Ulla", "Ulrikke", "Vibeke", "Vivi", "Winnie", "Yvonne",

        // Frequent in families that came from elsewhere
        "Ahmed", "Ali", "Amina", "Fatima", "Hassan", "Hussein", "Ibrahim", "Mehmet", "Mohamed", "Mohammad", "Mohammed", "Mustafa",
        "Omar", "Yusuf", "Zeynep", "Ayse", "Leyla", "Sana",
    };

    /// <summary>Whether the word (its hyphenated first part too: "Anne-Marie") is a common given name.</summary>
    public static bool Contains(string word)
    {
        if (Names.Contains(word))
        {
            return true;
        }

        var hyphen = word.IndexOf('-', StringComparison.Ordinal);
        return hyphen > 0 && Names.Contains(word[..hyphen]);
    }
}
