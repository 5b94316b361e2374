using System.Globalization;
using Microsoft.Extensions.Localization;
using NetTopologySuite.Geometries;
using Wangge.Resources;

namespace Wangge.Grids;

/// <summary>
/// An import problem said in the page's language, from its kind and parameters: the grid (or the feature's number
/// when it has no code), the other grid, the area and a place inside what the map draws. The English message the
/// check writes stays for the command line and the API.
/// </summary>
public static class GridProblemText
{
    public static string Of(IStringLocalizer<SharedResource> t, ImportProblem p)
    {
        if (p.Kind == "SwappedCoordinates" && p.Location is { IsEmpty: false } at)
            return t["Borders_SwappedAxes", (p.Feature ?? 0) + 1, RepairText.Place(t, at.InteriorPoint.X, at.InteriorPoint.Y)];
        var subject = p.Code ?? (p.Feature is { } f ? t["Import.FeatureNo", f + 1].Value : "—");
        var text = t[$"ImportProblem.{p.Kind}", subject, p.OtherCode ?? "", p.AreaM2.ToString("N1", CultureInfo.CurrentCulture), Place(p.Location)];
        return text.ResourceNotFound ? p.Message : text.Value;
    }

    /// <summary>An interior point, so the place named lies inside the area drawn even when it is a thin U.</summary>
    private static string Place(Geometry? location)
    {
        if (location is null || location.IsEmpty) return "—";
        var c = location is Point point ? point.Coordinate : location.InteriorPoint.Coordinate;
        return string.Create(CultureInfo.InvariantCulture, $"{c.X:F6}, {c.Y:F6}");
    }
}
