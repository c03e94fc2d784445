using Ingest.Eval;

const string Usage = "usage: ingest-eval gum <path-to-gum_wikinews> [--genre news|interview|all] [--json out.json] [--verbose] [--dump-text DIR] [--docs-from CONLL] [--tagger]\n"
    + "       ingest-eval train-ner <path-to-ner> [--out FILE] [--sources gum,wikigold,wnut17,btc] [--epochs N] [--bits B] [--seed S] [--folds K] [--include-sharealike] [--no-rules] [--no-eval]\n"
    + "       ingest-eval ner <path-to-ner> [--split dev|test] [--model FILE] [--errors SOURCE]\n"
    + "       ingest-eval polnear [<path-to-polnear>] [--split dev|train] [--verbose] [--json FILE] [--limit N] [--speakers rules|FILE]\n"
    + "       ingest-eval train-speakers [<path-to-polnear>] [--out FILE] [--epochs N] [--seed S] [--rate R] [--l2 L] [--no-eval]\n"
    + "       ingest-eval derive-cues [<path-to-polnear>] [--out FILE] [--min N]\n"
    + "       ingest-eval train-lines [<path-to-article-extraction-benchmark>] [--out FILE] [--epochs N] [--bits B] [--seed S] [--folds K] [--passes 1|2] [--rate R] [--l2 L] [--word-weight W] [--own-style] [--no-eval]\n"
    + "       ingest-eval lines [<path-to-article-extraction-benchmark>] [--split dev|test] [--model FILE] [--threshold T] [--keep K] [--floor F] [--pages] [--dump-dir DIR] [--score-file PREDICTIONS]";
if (args.Length >= 2 && args[0] is "train-ner" or "ner")
    return NerCommand(args);
if (args.Length >= 1 && args[0] == "derive-cues")
    return DeriveCuesCommand(args);
if (args.Length >= 1 && args[0] is "train-lines" or "lines")
    return LinesCommand(args);
if (args.Length >= 1 && args[0] == "polnear")
    return PolnearCommand(args);
if (args.Length >= 1 && args[0] == "train-speakers")
    return TrainSpeakersCommand(args);
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
    string? speakers = null;
    for (var i = 1; i < a.Length; i++)
    {
        switch (a[i])
        {
            case "--speakers" when i + 1 < a.Length: speakers = a[++i]; break;
            case "--split" when i + 1 < a.Length: split = a[++i]; break;
            case "--json" when i + 1 < a.Length: json = a[++i]; break;
            case "--limit" when i + 1 < a.Length: limit = int.Parse(a[++i]); break;
            case "--verbose" or "-v": verbose = true; break;
            case var p when i == 1 && !p.StartsWith('-'): root = p; break;
            default: Console.Error.WriteLine($"unknown argument {a[i]}\n{Usage}"); return 2;
        }
    }
    Ingest.Core.ArticleExtractor? extractor = null;
    if (speakers is not null)
    {
        Ingest.Core.Stages.Quotes.SpeakerRanker? ranker = null;
        if (speakers != "rules")
            using (var f = File.OpenRead(speakers))
                ranker = Ingest.Core.Stages.Quotes.SpeakerRanker.Load(f);
        extractor = new Ingest.Core.ArticleExtractor(Ingest.Core.ArticleExtractor.CreateDefaultBuilder(null, new Ingest.Core.Stages.QuoteStage(ranker)).Build());
    }
    return PolnearEval.Run(root, split, verbose, json, limit, extractor);
}

int TrainSpeakersCommand(string[] a)
{
    string root = "/work/shared/corpus/quotes/polnear", output = "src/Ingest.Core/Resources/Models/speakers.tsv";
    var defaults = new Ingest.Core.Stages.Quotes.SpeakerRankerOptions();
    int epochs = defaults.Epochs;
    ulong seed = defaults.Seed;
    double rate = defaults.LearningRate, l2 = defaults.L2;
    bool evaluate = true;
    for (var i = 1; i < a.Length; i++)
    {
        switch (a[i])
        {
            case "--out" when i + 1 < a.Length: output = a[++i]; break;
            case "--epochs" when i + 1 < a.Length: epochs = int.Parse(a[++i], System.Globalization.CultureInfo.InvariantCulture); break;
            case "--seed" when i + 1 < a.Length: seed = ulong.Parse(a[++i], System.Globalization.CultureInfo.InvariantCulture); break;
            case "--rate" when i + 1 < a.Length: rate = double.Parse(a[++i], System.Globalization.CultureInfo.InvariantCulture); break;
            case "--l2" when i + 1 < a.Length: l2 = double.Parse(a[++i], System.Globalization.CultureInfo.InvariantCulture); break;
            case "--no-eval": evaluate = false; break;
            case var p when i == 1 && !p.StartsWith('-'): root = p; break;
            default: Console.Error.WriteLine($"unknown argument {a[i]}\n{Usage}"); return 2;
        }
    }
    return SpeakerTraining.Train(root, output, new Ingest.Core.Stages.Quotes.SpeakerRankerOptions(epochs, seed, rate, l2), evaluate);
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

int LinesCommand(string[] a)
{
    string root = DumpCorpus.DefaultRoot, output = "src/Ingest.Core/Resources/Models/lines.bin.gz", split = "dev";
    var options = new Ingest.Core.Stages.Boilerplate.LineTrainingOptions();
    var defaults = new Ingest.Core.Pipeline.BoilerplateOptions();
    var decision = new LinesEval.Decision(defaults.LineClassifierThreshold, defaults.LineClassifierKeep, defaults.LineClassifierFloor);
    bool evaluate = true, pages = false, allStyles = true;
    string? model = null, scoreFile = null, dumpDir = null;
    var inv = System.Globalization.CultureInfo.InvariantCulture;
    for (var i = 1; i < a.Length; i++)
    {
        switch (a[i])
        {
            case "--out" when i + 1 < a.Length: output = a[++i]; break;
            case "--epochs" when i + 1 < a.Length: options = options with { Epochs = int.Parse(a[++i], inv) }; break;
            case "--bits" when i + 1 < a.Length: options = options with { Bits = int.Parse(a[++i], inv) }; break;
            case "--seed" when i + 1 < a.Length: options = options with { Seed = ulong.Parse(a[++i], inv) }; break;
            case "--folds" when i + 1 < a.Length: options = options with { Folds = int.Parse(a[++i], inv) }; break;
            case "--passes" when i + 1 < a.Length: options = options with { Passes = int.Parse(a[++i], inv) }; break;
            case "--rate" when i + 1 < a.Length: options = options with { LearningRate = double.Parse(a[++i], inv) }; break;
            case "--l2" when i + 1 < a.Length: options = options with { L2 = double.Parse(a[++i], inv) }; break;
            case "--word-weight" when i + 1 < a.Length: options = options with { WordWeight = double.Parse(a[++i], inv) }; break;
            case "--no-eval": evaluate = false; break;
            case "--own-style": allStyles = false; break;
            case "--split" when i + 1 < a.Length: split = a[++i]; break;
            case "--model" when i + 1 < a.Length: model = a[++i]; break;
            case "--threshold" when i + 1 < a.Length: decision = decision with { Threshold = double.Parse(a[++i], inv) }; break;
            case "--keep" when i + 1 < a.Length: decision = decision with { Keep = double.Parse(a[++i], inv) }; break;
            case "--floor" when i + 1 < a.Length: decision = decision with { Floor = double.Parse(a[++i], inv) }; break;
            case "--pages": pages = true; break;
            case "--dump-dir" when i + 1 < a.Length: dumpDir = a[++i]; break;
            case "--score-file" when i + 1 < a.Length: scoreFile = a[++i]; break;
            case var p when i == 1 && !p.StartsWith('-'): root = p; break;
            default: Console.Error.WriteLine($"unknown argument {a[i]}\n{Usage}"); return 2;
        }
    }
    if (a[0] == "train-lines")
        return LinesEval.Train(root, output, options, evaluate, allStyles);
    if (scoreFile is not null)
        return LinesEval.ScoreFile(root, scoreFile);
    if (split is not ("dev" or "test" or "train"))
    {
        Console.Error.WriteLine($"--split must be dev, test or train\n{Usage}");
        return 2;
    }
    Ingest.Core.Stages.Boilerplate.LineModel? loaded = null;
    if (model is not null)
        using (var f = File.OpenRead(model))
            loaded = Ingest.Core.Stages.Boilerplate.LineModel.Load(f);
    return LinesEval.Evaluate(root, split, loaded, decision, pages, dumpDir);
}
