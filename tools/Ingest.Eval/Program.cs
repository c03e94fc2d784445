using Ingest.Eval;

const string Usage = "usage: ingest-eval gum <path-to-gum_wikinews> [--genre news|interview|all] [--json out.json] [--verbose] [--dump-text DIR]";
if (args.Length < 2 || args[0] != "gum")
{
    Console.Error.WriteLine(Usage);
    return 2;
}
var root = args[1];
var genre = "news";
string? json = null;
var verbose = false;
string? dump = null;
for (var i = 2; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--genre" when i + 1 < args.Length: genre = args[++i]; break;
        case "--json" when i + 1 < args.Length: json = args[++i]; break;
        case "--verbose" or "-v": verbose = true; break;
        case "--dump-text" when i + 1 < args.Length: dump = args[++i]; break;
        default: Console.Error.WriteLine($"unknown argument {args[i]}\n{Usage}"); return 2;
    }
}
if (genre is not ("news" or "interview" or "all"))
{
    Console.Error.WriteLine($"--genre must be news, interview or all\n{Usage}");
    return 2;
}
return GumEval.Run(root, genre, json, verbose, dump);
