using NetTopologySuite.Geometries;

namespace Wangge.Geo.Topology;

/// <summary>
/// <paramref name="ToleranceM2"/>: overlaps, gaps and parts outside a parent up to this area are digitising
/// noise, not errors (the sources ask for seamless coverage, not for bit-identical shared edges).
/// <paramref name="JurisdictionBounds"/>: lon/lat box every coordinate must lie in; without it only the
/// WGS-84 range itself is enforced.
/// </summary>
public sealed record TopologyOptions(double ToleranceM2 = 1.0, Envelope? JurisdictionBounds = null);
