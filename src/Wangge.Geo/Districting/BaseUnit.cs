using NetTopologySuite.Geometries;

namespace Wangge.Geo.Districting;

/// <summary>
/// A base area that districting groups into grids: a village or community polygon, or a lattice cell.
/// </summary>
/// <param name="Id">Stable name, carried into messages (e.g. the unit that makes balance impossible).</param>
/// <param name="Shape">WGS-84 polygon or multipolygon.</param>
/// <param name="Weight">Workload (businesses weighted by risk class, plus area and population terms); ≥ 0.</param>
public sealed record BaseUnit(string Id, Geometry Shape, double Weight);
