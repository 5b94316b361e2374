namespace Wangge.Geo.Placement;

/// <summary>One rasterising thread's scratch space and findings: (cell, grid, crossed or covered) triples.</summary>
internal sealed class RasterWork
{
    private bool[] _scratch = [];

    public List<ulong> Entries { get; } = [];

    /// <summary>A cleared marking area of at least <paramref name="length"/> cells, reused across grids.</summary>
    public bool[] Scratch(int length)
    {
        if (_scratch.Length < length)
            _scratch = new bool[Math.Max(length, 2 * _scratch.Length)];
        else
            Array.Clear(_scratch, 0, length);
        return _scratch;
    }

    public void Add(int cell, int grid, bool mixed) =>
        Entries.Add(((ulong)(uint)cell << 32) | ((uint)grid << 1) | (mixed ? 1u : 0u));
}

/// <summary>Gathers every thread's findings and turns them into the lattice's cell table.</summary>
internal sealed class RasterEntries(int gridCount)
{
    private readonly List<List<ulong>> _parts = [];

    public void Add(RasterWork work)
    {
        lock (_parts)
            _parts.Add(work.Entries);
    }

    /// <summary>
    /// The cell table and candidate lists. The result does not depend on the order threads delivered their
    /// findings: each cell keeps the smallest covering grid and its crossing grids sorted.
    /// </summary>
    public (int[] Cells, int[] Lists) Settle(int cellCount)
    {
        // Counting sort by cell: linear, and a cell's findings end up side by side.
        var start = new int[cellCount + 1];
        foreach (var part in _parts)
            foreach (var entry in part)
                start[(int)(entry >> 32) + 1]++;
        for (var c = 0; c < cellCount; c++)
            start[c + 1] += start[c];
        var found = new int[start[cellCount]];
        var fill = start.AsSpan(0, cellCount).ToArray();
        foreach (var part in _parts)
            foreach (var entry in part)
                found[fill[(int)(entry >> 32)]++] = (int)(uint)entry;
        _parts.Clear();

        var cells = new int[cellCount];
        var lists = new List<int>();
        var crossing = new List<int>();
        for (var c = 0; c < cellCount; c++)
        {
            if (start[c] == start[c + 1])
            {
                cells[c] = CellRaster.Nothing;
                continue;
            }
            var covering = gridCount;
            crossing.Clear();
            for (var k = start[c]; k < start[c + 1]; k++)
            {
                var grid = found[k] >> 1;
                if ((found[k] & 1) == 0)
                    covering = Math.Min(covering, grid);
                else
                    crossing.Add(grid);
            }
            // Only a crossing grid that sorts before the covering one can ever change a point's answer here.
            var kept = 0;
            for (var k = 0; k < crossing.Count; k++)
            {
                if (crossing[k] < covering)
                    crossing[kept++] = crossing[k];
            }
            crossing.RemoveRange(kept, crossing.Count - kept);
            if (crossing.Count == 0)
            {
                cells[c] = covering;
                continue;
            }
            crossing.Sort();
            cells[c] = -(lists.Count + 2);
            lists.Add(crossing.Count);
            lists.Add(covering == gridCount ? CellRaster.Nothing : covering);
            lists.AddRange(crossing);
        }
        return (cells, lists.ToArray());
    }
}
