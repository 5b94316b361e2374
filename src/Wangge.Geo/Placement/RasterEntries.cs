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

        // Cells are settled in blocks in parallel, each block writing its lists locally; the lists are then laid
        // end to end and each block's mixed cells shifted by where its lists landed.
        var cells = new int[cellCount];
        var blocks = Math.Max(1, Math.Min(256, cellCount / 4096));
        var blockLists = new List<int>[blocks];
        Parallel.For(0, blocks, b =>
        {
            var lists = blockLists[b] = [];
            var crossing = new List<int>();
            for (var c = (int)((long)cellCount * b / blocks); c < (int)((long)cellCount * (b + 1) / blocks); c++)
                cells[c] = SettleCell(found.AsSpan(start[c], start[c + 1] - start[c]), crossing, lists);
        });
        var offsets = new int[blocks + 1];
        for (var b = 0; b < blocks; b++)
            offsets[b + 1] = offsets[b] + blockLists[b].Count;
        var all = new int[offsets[blocks]];
        Parallel.For(0, blocks, b =>
        {
            blockLists[b].CopyTo(all, offsets[b]);
            for (var c = (int)((long)cellCount * b / blocks); c < (int)((long)cellCount * (b + 1) / blocks); c++)
            {
                if (cells[c] < CellRaster.Nothing)
                    cells[c] -= offsets[b];
            }
        });
        return (cells, all);
    }

    /// <summary>A cell's table value; a mixed cell's list is appended to <paramref name="lists"/>.</summary>
    private int SettleCell(ReadOnlySpan<int> found, List<int> crossing, List<int> lists)
    {
        if (found.IsEmpty)
            return CellRaster.Nothing;
        var covering = gridCount;
        crossing.Clear();
        foreach (var entry in found)
        {
            var grid = entry >> 1;
            if ((entry & 1) == 0)
                covering = Math.Min(covering, grid);
            // Only a crossing grid that sorts before the covering one can ever change a point's answer here.
            else if (grid < covering)
                crossing.Add(grid);
        }
        var kept = 0;
        for (var k = 0; k < crossing.Count; k++)
        {
            if (crossing[k] < covering)
                crossing[kept++] = crossing[k];
        }
        crossing.RemoveRange(kept, crossing.Count - kept);
        if (crossing.Count == 0)
            return covering;
        crossing.Sort();
        var at = lists.Count;
        lists.Add(crossing.Count);
        lists.Add(covering == gridCount ? CellRaster.Nothing : covering);
        lists.AddRange(crossing);
        return -(at + 2);
    }
}
