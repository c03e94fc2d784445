using Ingest.Eval;

const string Usage = "usage: ingest-eval gum <path-to-gum_wikinews> [--genre news|interview|all] [--json out.json] [--verbose] [--dump-text DIR] [--docs-from CONLL] [--tagger]\n"
    + "       ingest-eval train-ner <path-to-ner> [--out FILE] [--sources gum,wikigold,wnut17,btc] [--epochs N] [--bits B] [--seed S] [--folds K] [--include-sharealike] [--no-rules] [--no-eval]\n"
    + "       ingest-eval ner <path-to-ner> [--split dev|test] [--model FILE] [--errors SOURCE]\n"
    + "       ingest-eval polnear [<path-to-polnear>] [--split dev|train] [--verbose] [--json FILE] [--limit N]\n"
    + "       ingest-eval derive-cues [<path-to-polnear>] [--out FILE] [--min N]";
if (args.Length >= 2 && args[0] is "train-ner" or "ner")
    return NerCommand(args);
if (args.Length >= 1 && args[0] == "derive-cues")
    return DeriveCuesCommand(args);
if (args.Length >= 1 && args[0] == "polnear")
    return PolnearCommand(args);
if (args.Length < 2 || args[0] != "gum")
{
    Console.Error.WriteLine(Usage);
    return 2;
}
var root = args[1];
var genre = "news";
string? json = null;
var verbose = false;
string? dump = null, docsFrom = null;
var tagger = false;
for (var i = 2; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--genre" when i + 1 < args.Length: genre = args[++i]; break;
        case "--json" when i + 1 < args.Length: json = args[++i]; break;
        case "--verbose" or "-v": verbose = true; break;
        case "--dump-text" when i + 1 < args.Length: dump = args[++i]; break;
        case "--docs-from" when i + 1 < args.Length: docsFrom = args[++i]; break;
        case "--tagger": tagger = true; break;
        default: Console.Error.WriteLine($"unknown argument {args[i]}\n{Usage}"); return 2;
    }
}
if (genre is not ("news" or "interview" or "all"))
{
    Console.Error.WriteLine($"--genre must be news, interview or all\n{Usage}");
    return 2;
}
return GumEval.Run(root, genre, json, verbose, dump, docsFrom, tagger);

int NerCommand(string[] a)
{
    string root = a[1];
    string output = "src/Ingest.Core/Resources/Models/ner.bin.gz";
    string[] sources = NerEval.TrainSources;
    var options = new Ingest.Core.Stages.Entities.NerTrainingOptions();
    bool shareAlike = false, evaluate = true;
    string split = "dev";
    string? model = null, errors = null;
    for (var i = 2; i < a.Length; i++)
    {
        switch (a[i])
        {
            case "--out" when i + 1 < a.Length: output = a[++i]; break;
            case "--sources" when i + 1 < a.Length: sources = a[++i].Split(',', StringSplitOptions.RemoveEmptyEntries); break;
            case "--epochs" when i + 1 < a.Length: options = options with { Epochs = int.Parse(a[++i]) }; break;
            case "--bits" when i + 1 < a.Length: options = options with { Bits = int.Parse(a[++i]) }; break;
            case "--seed" when i + 1 < a.Length: options = options with { Seed = ulong.Parse(a[++i]) }; break;
            case "--folds" when i + 1 < a.Length: options = options with { Folds = int.Parse(a[++i]) }; break;
            case "--include-sharealike": shareAlike = true; break;
            case "--no-rules": options = options with { Rules = false }; break;
            case "--no-eval": evaluate = false; break;
            case "--split" when i + 1 < a.Length: split = a[++i]; break;
            case "--model" when i + 1 < a.Length: model = a[++i]; break;
            case "--errors" when i + 1 < a.Length: errors = a[++i]; break;
            default: Console.Error.WriteLine($"unknown argument {a[i]}\n{Usage}"); return 2;
        }
    }
    return a[0] == "train-ner"
        ? NerEval.Train(root, output, sources, options, shareAlike, evaluate)
        : NerEval.Evaluate(root, split, model, errors);
}

int PolnearCommand(string[] a)
{
    string root = "/work/shared/corpus/quotes/polnear", split = "dev";
    string? json = null;
    bool verbose = false;
    int limit = 0;
    for (var i = 1; i < a.Length; i++)
    {
        switch (a[i])
        {
            case "--split" when i + 1 < a.Length: split = a[++i]; break;
            case "--json" when i + 1 < a.Length: json = a[++i]; break;
            case "--limit" when i + 1 < a.Length: limit = int.Parse(a[++i]); break;
            case "--verbose" or "-v": verbose = true; break;
            case var p when i == 1 && !p.StartsWith('-'): root = p; break;
            default: Console.Error.WriteLine($"unknown argument {a[i]}\n{Usage}"); return 2;
        }
    }
    return PolnearEval.Run(root, split, verbose, json, limit);
}

int DeriveCuesCommand(string[] a)
{
    string root = "/work/shared/corpus/quotes/polnear", output = "src/Ingest.Core/Resources/Lexicons/cue_verbs_polnear.tsv";
    int min = 3;
    for (var i = 1; i < a.Length; i++)
    {
        switch (a[i])
        {
            case "--out" when i + 1 < a.Length: output = a[++i]; break;
            case "--min" when i + 1 < a.Length: min = int.Parse(a[++i]); break;
            case var p when i == 1 && !p.StartsWith('-'): root = p; break;
            default: Console.Error.WriteLine($"unknown argument {a[i]}\n{Usage}"); return 2;
        }
    }
    return PolnearCues.Derive(root, output, min);
}
