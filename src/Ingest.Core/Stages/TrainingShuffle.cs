namespace Ingest.Core.Stages;

/// <summary>
/// The example order of the project's trainers (<see cref="Entities.NerTrainer"/>, <see cref="Boilerplate.LineTrainer"/>):
/// a Fisher–Yates shuffle driven by a xorshift64 generator (shifts 13, 7, 17; Marsaglia 2003), so that training from the
/// same data and seed gives the same weights on every machine and .NET version (<see cref="Random"/> promises no such thing).
/// </summary>
internal static class TrainingShuffle
{
    /// <summary>The generator's starting state for <paramref name="seed"/> (never 0, which xorshift cannot leave).</summary>
    public static ulong Start(ulong seed) => seed | 1;

    /// <summary>Shuffles <paramref name="order"/> in place and advances <paramref name="state"/>.</summary>
    public static void Shuffle(int[] order, ref ulong state)
    {
        for (int i = order.Length - 1; i > 0; i--)
        {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            int j = (int)(state % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
    }
}
