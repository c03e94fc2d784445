using Ingest.Core.Document;
using Ingest.Core.Pipeline;

namespace Ingest.Core.Stages;

/// <summary>
/// header-chrome: in a text dump, the blocks before the headline (masthead, navigation, section labels) and the
/// blocks between the headline and the first paragraph that no header role explains (kickers, share counts, photo
/// credits) are boilerplate. Where they are is decided by the zones stage (<see cref="HeaderZones.HeaderChromeReason"/>);
/// this stage only records them, so that every boilerplate decision lives in the boilerplate stages.
/// </summary>
public sealed class HeaderChromeStage : IPipelineStage
{
    /// <inheritdoc />
    public string Name => "header-chrome";
    /// <inheritdoc />
    public IReadOnlySet<AnnotationKey> Requires { get; } = new HashSet<AnnotationKey> { Layers.Blocks, Layers.PageBoilerplate, Layers.Zones };
    /// <inheritdoc />
    public IReadOnlySet<AnnotationKey> Produces { get; } = new HashSet<AnnotationKey> { Layers.HeaderBoilerplate };

    /// <inheritdoc />
    public void Process(ArticleDocument document)
    {
        int count = document.Get(Layers.Blocks).Count;
        var page = document.Get(Layers.PageBoilerplate);
        var zones = document.Get(Layers.Zones);
        var marks = new BoilerplateMarks();
        for (int i = 0; i < count; i++)
            if (zones.HeaderChromeReason(i, page) is { } reason)
                marks.Mark(i, reason);
        document.Set(Layers.HeaderBoilerplate, marks);
    }
}
