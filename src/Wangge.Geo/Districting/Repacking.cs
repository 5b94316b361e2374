namespace Wangge.Geo.Districting;

/// <summary>
/// Redraws a whole neighbourhood of districts at once when no chain of moves relieves an overloaded one: the
/// union of the district and the districts round it is bisected afresh into as many districts, and the new
/// drawing is kept if every one of them fits under the cap.
/// </summary>
/// <remarks>
/// <para>Chains move a few units at a time and can be trapped where every district round a town centre is full
/// and each of its cells is a good part of a district. A fresh bisection of the neighbourhood cuts it along
/// other lines, and its small regions try cuts in several directions (<see cref="Bisection"/>), so it finds
/// packings that no sequence of single moves reaches. The neighbourhood grows ring by ring until one works.</para>
/// <para>Each new district takes the number of the old one it overlaps most, so as few units as possible change
/// district. Every new district is connected, since the bisection's are.</para>
/// </remarks>
internal sealed class Repacking(Partition partition, Random random)
{
    private const int Attempts = 12;
    private const int MaxRings = 6;
    private const int MaxVertices = 4000;

    /// <summary>Redraws the neighbourhood of <paramref name="source"/>; false (nothing changed) when no ring size worked.</summary>
    public bool TryRepack(int source, double cap)
    {
        var districts = new List<int> { source };
        var inSet = new HashSet<int> { source };
        var ring = new List<int> { source };
        for (var r = 0; r < MaxRings && ring.Count > 0; r++)
        {
            ring = ring.SelectMany(partition.NeighbourDistricts).Where(inSet.Add).Order().ToList();
            districts.AddRange(ring);
            if (districts.Sum(partition.Size) > MaxVertices)
                return false;
            if (districts.Sum(d => partition.Load[d]) <= districts.Count * cap && Repack(districts, cap))
                return true;
        }
        return false;
    }

    private bool Repack(List<int> districts, double cap)
    {
        var region = districts.SelectMany(partition.Members).Order().ToArray();
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            // A scratch plan of the whole graph in which the region is district 0 and everything else the last.
            var scratch = new Partition(partition.Graph, districts.Count + 1, initialDistrict: districts.Count);
            foreach (var v in region)
                scratch.Move(v, 0);
            new Bisection(scratch, random, cap).Split(0, districts.Count);
            if (Enumerable.Range(0, districts.Count).Any(d => scratch.Load[d] > cap))
                continue;
            Apply(region, region.Select(v => scratch.Label[v]).ToArray(), districts);
            return true;
        }
        return false;
    }

    /// <summary>Gives each new part the old district it overlaps most (largest overlaps first).</summary>
    private void Apply(int[] region, int[] part, List<int> districts)
    {
        var index = districts.Select((d, i) => (d, i)).ToDictionary(p => p.d, p => p.i);
        var overlap = new int[districts.Count, districts.Count];
        for (var v = 0; v < region.Length; v++)
            overlap[part[v], index[partition.Label[region[v]]]]++;
        var pairs = new List<(int Count, int Part, int District)>();
        for (var p = 0; p < districts.Count; p++)
            for (var d = 0; d < districts.Count; d++)
                pairs.Add((overlap[p, d], p, d));
        var target = Enumerable.Repeat(-1, districts.Count).ToArray();
        var taken = new bool[districts.Count];
        foreach (var (_, p, d) in pairs.OrderByDescending(x => x.Count).ThenBy(x => x.Part).ThenBy(x => x.District))
            if (target[p] < 0 && !taken[d])
            {
                target[p] = d;
                taken[d] = true;
            }
        for (var v = 0; v < region.Length; v++)
            partition.Move(region[v], districts[target[part[v]]]);
    }
}
