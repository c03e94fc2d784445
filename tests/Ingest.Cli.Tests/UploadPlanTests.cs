using Ingest.Cli.Commands;

namespace Ingest.Cli.Tests;

public class UploadPlanTests
{
    [Theory]
    [InlineData("story.txt")]
    [InlineData("2025/03/story.txt")]
    [InlineData("Jos\u00E9 N\u00FA\u00F1ez.txt")]
    [InlineData("Jose\u0301.txt")] // kept as it is: blob names are compared as they are
    [InlineData("with space/and%2Fpercent?q#h;+.md")]
    [InlineData("...txt")]
    [InlineData("smile \U0001F600.html")]
    public void Names_stored_as_they_are_pass(string name) => Assert.Null(UploadPlan.Problem(name));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("a\\b.txt", "'\\'")]
    [InlineData("/lead.txt", "starts with '/'")]
    [InlineData("end/", "ends with '/'")]
    [InlineData("a//b.txt", "empty path segment")]
    [InlineData("x/../y.txt", "'..' path segment")]
    [InlineData("../y.txt", "'..' path segment")]
    [InlineData("./y.txt", "'.' path segment")]
    [InlineData("a/./y.txt", "'.' path segment")]
    [InlineData("seg./y.txt", "ends with '.'")]
    [InlineData("trail.", "ends with '.'")]
    [InlineData("a/.../b.txt", "ends with '.'")]
    [InlineData("tab\tx.txt", "U+0009")]
    [InlineData("nul\u0000x.txt", "U+0000")]
    [InlineData("del\u007Fx.txt", "U+007F")]
    [InlineData("c1\u0085x.txt", "U+0085")]
    public void Names_the_service_would_rewrite_or_choke_on_are_refused(string name, string why) =>
        Assert.Contains(why, UploadPlan.Problem(name));

    [Fact]
    public void Lone_surrogates_are_refused()
    {
        // Not theory data: the test runner's serialization would replace a lone surrogate before the test sees it.
        Assert.Contains("lone UTF-16 surrogate", UploadPlan.Problem("lone\uD800x.txt"));
        Assert.Contains("lone UTF-16 surrogate", UploadPlan.Problem("lone\uDC00.txt"));
        Assert.Contains("lone UTF-16 surrogate", UploadPlan.Problem("end\uD83D"));
        Assert.Equal("f: cannot be stored as 'a\\uD800b': it contains a lone UTF-16 surrogate, which is sent as U+FFFD. Rename it, or choose another --prefix.",
            Assert.Single(UploadPlan.Check([("f", "a\uD800b")])));
    }

    [Fact]
    public void Length_and_segment_limits()
    {
        Assert.Null(UploadPlan.Problem(new string('a', 1020) + ".txt"));
        Assert.Contains("1025 characters", UploadPlan.Problem(new string('a', 1021) + ".txt"));
        Assert.Null(UploadPlan.Problem(string.Join('/', Enumerable.Repeat("d", 253)) + "/x.txt"));
        Assert.Contains("255 path segments", UploadPlan.Problem(string.Join('/', Enumerable.Repeat("d", 254)) + "/x.txt"));
    }

    [Fact]
    public void Two_files_with_one_name_are_a_problem_the_same_file_twice_is_not()
    {
        var problems = UploadPlan.Check([("a/story.txt", "story.txt"), ("b/story.txt", "story.txt"), ("c/other.txt", "other.txt")]);
        string problem = Assert.Single(problems);
        Assert.StartsWith("a/story.txt, b/story.txt: would all be stored as 'story.txt'", problem);

        var once = UploadPlan.Distinct([("dir/x.txt", "x.txt"), ("dir/../dir/x.txt", "x.txt"), ("dir/x.txt", "p/x.txt")]);
        Assert.Equal([("dir/x.txt", "x.txt"), ("dir/x.txt", "p/x.txt")], once);
        Assert.Empty(UploadPlan.Check(once));
    }

    [Fact]
    public void Problems_show_control_characters_escaped()
    {
        string problem = Assert.Single(UploadPlan.Check([("f", "bell\u0007.txt")]));
        Assert.Equal("f: cannot be stored as 'bell\\u0007.txt': it contains the control character U+0007. Rename it, or choose another --prefix.", problem);
    }

    [Fact]
    public void Collect_keeps_folder_paths_and_puts_the_trimmed_prefix_first()
    {
        string root = Directory.CreateTempSubdirectory("ingest-cli-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "in", "sub"));
            File.WriteAllText(Path.Combine(root, "in", "sub", "b.txt"), "b");
            File.WriteAllText(Path.Combine(root, "in", "a.md"), "a");
            File.WriteAllText(Path.Combine(root, "in", "skip.bin"), "x");
            File.WriteAllText(Path.Combine(root, "one.html"), "1");
            var files = StorageCommands.Collect([Path.Combine(root, "in"), Path.Combine(root, "one.html")], " /2025/03/ ");
            Assert.Equal(["2025/03/a.md", "2025/03/sub/b.txt", "2025/03/one.html"], files.Select(f => f.BlobName));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Query_strings_send_empty_values_and_skip_missing_ones()
    {
        Assert.Equal("entity=&source=Caf%C3%A9%20Gazette&continuationToken=a%2Bb",
            ApiClient.QueryString([new("entity", ""), new("speaker", null), new("source", "Caf\u00E9 Gazette"), new("continuationToken", "a+b")]));
        Assert.Equal("", ApiClient.QueryString([new("pageSize", null)]));
    }
}
