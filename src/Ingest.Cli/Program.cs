using System.CommandLine;
using System.CommandLine.Invocation;
using Ingest.Cli.Commands;

var root = new RootCommand("Ingest: turn news article files into clean, indexed records.");
root.Subcommands.Add(ExtractCommand.Create());
foreach (var command in StorageCommands.Create())
    root.Subcommands.Add(command);

var parse = root.Parse(args);
if (parse.Errors.Count > 0 && parse.Action is ParseErrorAction onError)
{
    // A mistyped command line gets its errors (and any "did you mean" suggestion) on stderr and a pointer to the
    // help, never the whole help on stdout, where a pipe would read it as results.
    onError.ShowHelp = false;
    var result = await parse.InvokeAsync(new InvocationConfiguration { Output = Console.Error });
    string path = string.Join(' ', parse.CommandResult.Command is RootCommand ? ["ingest"] : ["ingest", .. CommandPath(parse.CommandResult)]);
    Console.Error.WriteLine($"Run '{path} --help' for usage.");
    return result;
}
return await parse.InvokeAsync();

static IEnumerable<string> CommandPath(System.CommandLine.Parsing.CommandResult result)
{
    var names = new Stack<string>();
    for (var current = result; current is not null && current.Command is not RootCommand; current = current.Parent as System.CommandLine.Parsing.CommandResult)
        names.Push(current.Command.Name);
    return names;
}
