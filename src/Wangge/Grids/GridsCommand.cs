using System.CommandLine;
using Wangge.Core.Common;
using Wangge.Geo.Io;
using Wangge.Hosting;

namespace Wangge.Grids;

/// <summary>`wangge grids import|check|export|plan`.</summary>
public static class GridsCommand
{
    public static Command Create()
    {
        var command = new Command("grids", "Grid borders: import, check, export, plan.");
        command.Subcommands.Add(Import("import", "Check a border file and, if nothing is wrong, save it whole and re-place the businesses.", save: true));
        command.Subcommands.Add(Import("check", "Check a border file without saving anything.", save: false));
        command.Subcommands.Add(Export());
        command.Subcommands.Add(GridPlanCommand.Create());
        return command;
    }

    private static Command Import(string name, string description, bool save)
    {
        var file = new Argument<FileInfo>("file") { Description = "GeoJSON file, or a .zip holding a Shapefile (.shp .shx .dbf .prj)." };
        var format = new Option<BorderFormat?>("--format") { Description = "GeoJson or Shapefile (default: detected from the content)." };
        var crs = new Option<InputCrs>("--crs") { Description = "Coordinate system of the file: Wgs84 (also CGCS2000) or Gcj02 (Chinese web maps and phones).", DefaultValueFactory = _ => InputCrs.Wgs84 };
        var mapping = new Option<string?>("--mapping") { Description = "Which properties hold code, name and parent, e.g. \"code=adcode,name=name,parent=parent\"." };
        var parent = new Option<string?>("--parent") { Description = "Parent grid code for features that name none." };
        var reason = new Option<string?>("--reason") { Description = "Why the borders change (kept with each border version)." };
        var repair = new Option<bool>("--repair")
        {
            Description = save
                ? "Make each border valid and each family a clean coverage first, list every change, and save the repaired borders."
                : "List what a repair would change (each border made valid, each family a clean coverage) and check the result; saves nothing.",
        };
        var command = new Command(name, description) { file, format, crs, mapping, parent, reason, repair };
        command.SetAction(async (parse, ct) =>
        {
            var settings = HostSettings.From(parse, "wangge.db", false);
            await using var services = CliServices.Create(settings);
            await DatabaseSetup.MigrateAsync(services, ct);
            await using var scope = services.CreateAsyncScope();
            var path = parse.GetValue(file)!;
            if (!path.Exists) { Console.Error.WriteLine($"error: {path.FullName} does not exist."); return 2; }
            await using var stream = path.OpenRead();
            try
            {
                var report = await scope.ServiceProvider.GetRequiredService<GridImport>().RunAsync(stream, path.Name,
                    new GridImportSettings(parse.GetValue(format), parse.GetValue(crs), parse.GetValue(mapping), parse.GetValue(parent),
                        null, parse.GetValue(reason), save, parse.GetValue(repair)), ct);
                return Print(report);
            }
            catch (Exception e) when (e is BorderFileException or RuleViolation)
            {
                Console.Error.WriteLine($"error: {path.Name}: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    private static int Print(GridImportReport report)
    {
        var t = RepairText.English();
        foreach (var r in report.Repairs) Console.WriteLine($"note: {RepairText.Ring(t, r)}");
        foreach (var w in report.Warnings) Console.WriteLine($"warning: {w.Message}");
        if (report.RepairChanges.Count > 0)
        {
            foreach (var c in report.RepairChanges)
                (c.Kind == "Unrepairable" ? Console.Error : Console.Out).WriteLine($"repair: {RepairText.Kind(t, c.Kind)}: {RepairText.Describe(t, c)}");
        }
        foreach (var p in report.Problems)
        {
            var at = p.Location is { IsEmpty: false } l ? $" at {l.InteriorPoint.X:F6},{l.InteriorPoint.Y:F6}" : "";
            Console.Error.WriteLine($"{p.Kind}: {p.Message}{at}");
        }
        if (report.Problems.Count > 0)
        {
            Console.Error.WriteLine($"{report.Problems.Count} problem(s) in {report.Features} feature(s); nothing was saved.");
            return 1;
        }
        Console.WriteLine(report.Saved
            ? $"Saved {report.Features} feature(s): {report.Created} new, {report.Redrawn} redrawn, {report.Unchanged} unchanged, {report.Ended} ended; " +
              $"{report.Placement?.Moved ?? 0} business(es) moved, {report.Placement?.Unplaced ?? 0} outside every grid."
            : $"{report.Features} feature(s) checked: no problems.");
        return 0;
    }

    private static Command Export()
    {
        var root = new Option<string?>("--root") { Description = "Code of the subtree to export (default: everything)." };
        var format = new Option<BorderFormat>("--format") { Description = "GeoJson or Shapefile.", DefaultValueFactory = _ => BorderFormat.GeoJson };
        var output = new Option<FileInfo>("--out") { Description = "File to write (.geojson or .zip).", Required = true };
        var command = new Command("export", "Write the current borders of a subtree as GeoJSON or a zipped Shapefile.") { root, format, output };
        command.SetAction(async (parse, ct) =>
        {
            var settings = HostSettings.From(parse, "wangge.db", false);
            await using var services = CliServices.Create(settings);
            await using var scope = services.CreateAsyncScope();
            var target = parse.GetValue(output)!;
            try
            {
                await using var stream = target.Create();
                await scope.ServiceProvider.GetRequiredService<GridExport>().WriteAsync(stream, parse.GetValue(root), parse.GetValue(format), ct);
            }
            catch (RuleViolation v)
            {
                Console.Error.WriteLine($"error: {v.Message}");
                return 2;
            }
            Console.WriteLine($"Wrote {target.FullName} ({target.Length:N0} bytes).");
            return 0;
        });
        return command;
    }
}
