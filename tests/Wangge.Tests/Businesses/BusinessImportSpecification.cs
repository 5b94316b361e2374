using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wangge.Businesses.Import;
using Wangge.Core.Imports;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Businesses;

/// <summary>
/// A ledger file: every bad row reported by line and reason, every good row saved exactly once, whatever
/// happens to the import on the way.
/// </summary>
public abstract class BusinessImportSpecification(AppFixture app) : ApiSpecification(app)
{
    private const string Header = "统一社会信用代码,名称,主体类型,行业,地址,经度,纬度,成立日期";

    private static string Row(int n, string name = "导入餐厅", double lon = 113.05, double lat = 23.3, string sector = "餐饮服务", string opened = "2020-01-01") =>
        $"{TestDistrict.Code(n)},{name}{n},企业,{sector},测试路{n}号,{lon},{lat},{opened}";

    private static string WrongCheck(int n)
    {
        var code = TestDistrict.Code(n);
        return code[..17] + (code[17] == '0' ? '1' : '0');
    }

    private Task<(HttpStatusCode Status, JsonElement Report)> ImportAsync(HttpClient client, string csv, string name = "ledger.csv") =>
        ImportAsync(client, Encoding.UTF8.GetBytes(csv), name);

    private async Task<(HttpStatusCode Status, JsonElement Report)> ImportAsync(HttpClient client, byte[] bytes, string name, string query = "")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", name);
        var response = await client.PostAsync("/api/v1/businesses/import" + query, form, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone());
    }

    private Task<int> CountAsync(IEnumerable<string> codes)
    {
        var list = codes.ToList();
        return App.InDatabaseAsync(db => db.Businesses.CountAsync(b => list.Contains(b.CreditCode), Ct));
    }

    [Fact]
    public async Task MixedFile_SavesExactlyTheGoodRows_ReportsEachBadRowByLine_AndASecondRunChangesNothing()
    {
        var csv = string.Join("\n",
            Header,                                                       // line 1
            Row(3001),                                                    // 2 good
            Row(3002).Replace(TestDistrict.Code(3002), WrongCheck(3002)), // 3 bad check character
            Row(3003, lon: 113.25),                                       // 4 good, other street
            Row(3004).Replace("导入餐厅3004", ""),                          // 5 missing name
            Row(3005, sector: "宇宙飞船"),                                 // 6 unknown sector
            Row(3006, lon: 114.5),                                        // 7 outside the jurisdiction
            Row(3007, opened: "2020-13-45"),                              // 8 bad date
            Row(3001, name: "重复"),                                       // 9 second row for one code
            Row(3008, lat: 23.1));                                        // 10 good
        using var bureau = await App.SignedInAsync("bureau");

        var (status, report) = await ImportAsync(bureau, csv);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal((3, 0, 6), (report.GetProperty("created").GetInt32(), report.GetProperty("updated").GetInt32(), report.GetProperty("rejected").GetInt32()));
        var problems = report.GetProperty("problems").EnumerateArray()
            .Select(p => (p.GetProperty("line").GetInt32(), p.GetProperty("code").GetString())).ToList();
        Assert.Equal([3, 5, 6, 7, 8, 9], problems.Select(p => p.Item1).Distinct().ToArray());
        Assert.Contains((3, "credit_code_check"), problems);
        Assert.Contains((7, "outside_jurisdiction"), problems);
        Assert.Contains((9, "duplicate_in_file"), problems);
        Assert.Equal(3, await CountAsync([TestDistrict.Code(3001), TestDistrict.Code(3003), TestDistrict.Code(3008)]));
        Assert.Equal(0, await CountAsync([TestDistrict.Code(3004), TestDistrict.Code(3005), TestDistrict.Code(3006), TestDistrict.Code(3007)]));
        Assert.Equal("导入餐厅3001", await App.InDatabaseAsync(db => db.Businesses.Where(b => b.CreditCode == TestDistrict.Code(3001)).Select(b => b.Name).SingleAsync(Ct)));

        var counts = await App.InDatabaseAsync(async db => (await db.Businesses.CountAsync(Ct), await db.BusinessVersions.CountAsync(Ct), await db.RiskRatings.CountAsync(Ct)));
        var (_, again) = await ImportAsync(bureau, csv);
        Assert.Equal((0, 0, 3, 6), (again.GetProperty("created").GetInt32(), again.GetProperty("updated").GetInt32(),
            again.GetProperty("unchanged").GetInt32(), again.GetProperty("rejected").GetInt32()));
        Assert.Equal(counts, await App.InDatabaseAsync(async db => (await db.Businesses.CountAsync(Ct), await db.BusinessVersions.CountAsync(Ct), await db.RiskRatings.CountAsync(Ct))));
    }

    [Fact]
    public async Task BulkImport_RefusedRows_CarryTheValuesTheirReasonNames()
    {
        var csv = string.Join("\n",
            Header,                                                       // line 1
            Row(4101),                                                    // 2 good
            Row(4102).Replace(TestDistrict.Code(4102), WrongCheck(4102)), // 3 bad check character
            Row(4103, opened: "2020-13-45"),                              // 4 bad date
            Row(4101, name: "重复"));                                      // 5 second row for one code
        using var bureau = await App.SignedInAsync("bureau");

        var (_, report) = await ImportAsync(bureau, csv);

        // The page says each reason in Chinese with these values; the English message is not all there is.
        var arguments = report.GetProperty("problems").EnumerateArray().ToDictionary(p => p.GetProperty("code").GetString()!,
            p => p.GetProperty("arguments").EnumerateArray().Select(a => a.GetString()).ToArray());
        Assert.Equal([WrongCheck(4102), TestDistrict.Code(4102)[^1..]], arguments["credit_code_check"]);
        Assert.Equal(["2020-13-45"], arguments["date_invalid"]);
        Assert.Equal([TestDistrict.Code(4101), "2"], arguments["duplicate_in_file"]);
    }

    [Fact]
    public async Task BulkImport_EachCreatedBusinessHasOneVersionAndOneRating_AndNoHistoryRowLacksItsBusiness()
    {
        // Enough rows for the bulk (COPY) path on PostgreSQL, whose history tables have no foreign key (decision 004).
        var codes = Enumerable.Range(5000, LedgerBulkWriter.CopyThreshold + 50).ToList();
        using var bureau = await App.SignedInAsync("bureau");

        var (status, report) = await ImportAsync(bureau, Header + "\n" + string.Join("\n", codes.Select(n => Row(n))));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(codes.Count, report.GetProperty("created").GetInt32());
        var keys = codes.Select(TestDistrict.Code).ToList();
        var (versions, ratings, orphanVersions, orphanRatings) = await App.InDatabaseAsync(async db =>
        {
            var ids = await db.Businesses.IgnoreQueryFilters().Where(b => keys.Contains(b.CreditCode)).Select(b => b.Id).ToListAsync(Ct);
            return (await db.BusinessVersions.IgnoreQueryFilters().Where(v => ids.Contains(v.BusinessId)).GroupBy(v => v.BusinessId).CountAsync(g => g.Count() == 1, Ct),
                await db.RiskRatings.Where(r => ids.Contains(r.BusinessId)).GroupBy(r => r.BusinessId).CountAsync(g => g.Count() == 1, Ct),
                await db.BusinessVersions.IgnoreQueryFilters().CountAsync(v => !db.Businesses.IgnoreQueryFilters().Any(b => b.Id == v.BusinessId), Ct),
                await db.RiskRatings.CountAsync(r => !db.Businesses.IgnoreQueryFilters().Any(b => b.Id == r.BusinessId), Ct));
        });
        Assert.Equal((codes.Count, codes.Count, 0, 0), (versions, ratings, orphanVersions, orphanRatings));

        // What the bulk path wrote reads back as written: the point, and the first version's snapshot.
        var last = TestDistrict.Code(codes[^1]);
        var (location, snapshot) = await App.InDatabaseAsync(async db =>
        {
            var b = await db.Businesses.IgnoreQueryFilters().SingleAsync(x => x.CreditCode == last, Ct);
            var v = await db.BusinessVersions.IgnoreQueryFilters().SingleAsync(x => x.BusinessId == b.Id, Ct);
            return (b.Location, Wangge.Data.Businesses.VersionRecorder.Deserialise(v.Snapshot));
        });
        // (PostGIS refuses a point whose SRID is not the column's 4326, so the insert itself checked that.)
        Assert.Equal((113.05, 23.3), (location.X, location.Y));
        Assert.Equal(($"导入餐厅{codes[^1]}", $"测试路{codes[^1]}号", 113.05), (snapshot!.Name, snapshot.Address, snapshot.Lon));
    }

    [Fact]
    public async Task ChangedRow_UpdatesTheRecordAndAddsAVersion()
    {
        using var bureau = await App.SignedInAsync("bureau");
        await ImportAsync(bureau, Header + "\n" + Row(3101));
        var (status, report) = await ImportAsync(bureau, Header + "\n" + Row(3101).Replace("测试路3101号", "新址路8号"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, report.GetProperty("updated").GetInt32());
        var versions = await App.InDatabaseAsync(db => db.Businesses.Where(b => b.CreditCode == TestDistrict.Code(3101)).Select(b => b.Version).SingleAsync(Ct));
        Assert.Equal(2, versions);
    }

    [Fact]
    public async Task ColumnAbsentFromTheFile_KeepsTheRecordsValue()
    {
        using var bureau = await App.SignedInAsync("bureau");
        await ImportAsync(bureau, Header + ",联系电话\n" + Row(3601) + ",13900000000");
        var (_, report) = await ImportAsync(bureau, Header + "\n" + Row(3601));
        Assert.Equal(1, report.GetProperty("unchanged").GetInt32());
        Assert.Equal("13900000000", await App.InDatabaseAsync(db => db.Businesses.Where(b => b.CreditCode == TestDistrict.Code(3601)).Select(b => b.ContactPhone).SingleAsync(Ct)));
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task ExportedLedger_ImportsBackUnchanged(string format)
    {
        using var bureau = await App.SignedInAsync("bureau");
        await ImportAsync(bureau, Header + ",许可证类型,许可证号,有效期至\n" + Row(3501) + ",食品经营许可证;小作坊登记证,JY1;DJ2,2030-01-01;2029-06-30");
        var file = await bureau.GetByteArrayAsync($"/api/v1/ledger/{TestDistrict.InspectorGrid}/export?format={format}", Ct);
        var versions = await App.InDatabaseAsync(db => db.BusinessVersions.CountAsync(Ct));

        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(file), "file", $"ledger.{format}");
        var response = await bureau.PostAsync("/api/v1/businesses/import", form, Ct);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, report.ToString());
        Assert.Equal(0, report.GetProperty("created").GetInt32() + report.GetProperty("updated").GetInt32());
        Assert.True(report.GetProperty("unchanged").GetInt32() >= TestDistrict.BusinessesPerGrid + 1);
        Assert.Equal(versions, await App.InDatabaseAsync(db => db.BusinessVersions.CountAsync(Ct)));
    }

    [Fact]
    public async Task StationChief_RowsInAnotherStreet_RefusedAsOutsideTheirArea()
    {
        using var station = await App.SignedInAsync("station");
        var (status, report) = await ImportAsync(station, string.Join("\n", Header, Row(3201), Row(3202, lon: 113.25)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(1, report.GetProperty("created").GetInt32());
        Assert.Equal("outside_your_area", report.GetProperty("problems")[0].GetProperty("code").GetString());
        Assert.Equal(0, await CountAsync([TestDistrict.Code(3202)]));
    }

    [Fact]
    public async Task Inspector_MayNotImport()
    {
        using var inspector = await App.SignedInAsync("inspector");
        var (status, _) = await ImportAsync(inspector, Header + "\n" + Row(3301));
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task MissingCodeColumn_RefusedNamingTheColumns_NothingSaved()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var (status, problem) = await ImportAsync(bureau, "名称,地址\n某店,某路");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("columns", problem.GetProperty("field").GetString());
        Assert.Contains("名称", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task EncodingChangesAfterAMegabyteOfGoodRows_RefusedNamingTheLine_NothingSavedAndNoRunLeftRunning()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var codes = Enumerable.Range(200_000, 14_000).ToList();
        var bytes = Encoding.UTF8.GetBytes(Header + "\n" + string.Join("\n", codes.Select(n => Row(n))) + "\n")
            .Concat(Encoding.GetEncoding("GB18030").GetBytes(Row(214_001, name: "广东餐厅"))).ToArray();
        using var bureau = await App.SignedInAsync("bureau");

        var (status, problem) = await ImportAsync(bureau, bytes, "ledger.csv");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(("file", "file_encoding"), (problem.GetProperty("field").GetString(), problem.GetProperty("code").GetString()));
        Assert.Contains($"Line {codes.Count + 2}", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await CountFromAsync("91440111MA2"));
        Assert.Equal(0, await App.InDatabaseAsync(db => db.ImportRuns.CountAsync(r => r.Status == ImportStatus.Running, Ct)));
    }

    [Fact]
    public async Task NulInOneCell_ThatRowRefusedAtItsLine_TheGoodRowsSaved()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var (status, report) = await ImportAsync(bureau, string.Join("\n", Header, Row(3701), Row(3702, name: "空\0字符"), Row(3703)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var problem = Assert.Single(report.GetProperty("problems").EnumerateArray());
        Assert.Equal((3, "name", "control_character"), (problem.GetProperty("line").GetInt32(), problem.GetProperty("field").GetString(), problem.GetProperty("code").GetString()));
        Assert.Equal(2, await CountAsync([TestDistrict.Code(3701), TestDistrict.Code(3702), TestDistrict.Code(3703)]));
    }

    [Fact]
    public async Task QuoteLeftOpen_ReportedAtItsLine_TheFiveRowsAfterItSaved()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var lines = new[] { Header, Row(3801), Row(3802).Replace(",导入", ",\"导入") }.Concat(Enumerable.Range(3803, 5).Select(n => Row(n)));

        var (status, report) = await ImportAsync(bureau, string.Join("\n", lines));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var problem = Assert.Single(report.GetProperty("problems").EnumerateArray());
        Assert.Equal((3, "quote_unclosed"), (problem.GetProperty("line").GetInt32(), problem.GetProperty("code").GetString()));
        Assert.Equal(6, await CountAsync(Enumerable.Range(3801, 7).Where(n => n != 3802).Select(TestDistrict.Code)));
    }

    [Fact]
    public async Task TextNamedXlsx_BadRequestNamingFile_NothingSaved()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var (status, problem) = await ImportAsync(bureau, Encoding.UTF8.GetBytes(Header + "\n" + Row(3901)), "ledger.xlsx");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(("file", "file_not_xlsx"), (problem.GetProperty("field").GetString(), problem.GetProperty("code").GetString()));
        Assert.Equal(0, await CountAsync([TestDistrict.Code(3901)]));
    }

    [Fact]
    public async Task LivesZipWithItsStandardExtraFiles_Accepted()
    {
        var businesses = "business_id,name,address,city,longitude,latitude\n" + $"{TestDistrict.Code(3951)},LIVES餐厅,测试路1号,广州,113.05,23.3";
        var zip = LedgerFileCorpus.Zip(("businesses.csv", Encoding.UTF8.GetBytes(businesses)),
            ("feed_info.csv", Encoding.UTF8.GetBytes("feed_date,feed_version,municipality_name\n20240101,1.0,白云区")),
            ("legend.csv", Encoding.UTF8.GetBytes("minimum_score,maximum_score,description\n0,59,不合格\n60,100,合格")));
        using var bureau = await App.SignedInAsync("bureau");

        var (status, report) = await ImportAsync(bureau, zip, "feed.zip", "?format=lives");

        Assert.True(status == HttpStatusCode.OK, report.ToString());
        Assert.Equal(1, await CountAsync([TestDistrict.Code(3951)]));
    }

    [Fact]
    public async Task InterruptedImport_ResumesAfterTheLastCommittedBatch_EveryRowOnce()
    {
        var codes = Enumerable.Range(3400, 10).ToList();
        var path = Path.Combine(Path.GetTempPath(), $"resume-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, Header + "\n" + string.Join("\n", codes.Select(n => Row(n))), Ct);
        try
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                RunImporterAsync(path, new BusinessImportOptions(BatchSize: 3), new SyncProgress(_ => stop.Cancel()), stop.Token));
            Assert.Equal(3, await CountAsync(codes.Select(TestDistrict.Code)));

            var report = await RunImporterAsync(path, new BusinessImportOptions(BatchSize: 3), null, Ct);
            Assert.True(report.Resumed);
            Assert.Equal(4, report.ResumedAfterLine);
            Assert.Equal((10, ImportStatus.Completed), (report.Created, report.Status));
            Assert.Equal(10, await CountAsync(codes.Select(TestDistrict.Code)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task ImportFailingAfterItsFirstBatch_RunEndsFailedWithItsReason_AndCountsWhatWasSaved()
    {
        var codes = Enumerable.Range(3960, 10).ToList();
        var path = Path.Combine(Path.GetTempPath(), $"fail-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, Header + "\n" + string.Join("\n", codes.Select(n => Row(n))), Ct);
        try
        {
            var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => RunImporterAsync(path, new BusinessImportOptions(BatchSize: 3),
                new SyncProgress(_ => throw new InvalidOperationException("the progress display broke")), Ct));

            var run = await App.InDatabaseAsync(db => db.ImportRuns.SingleAsync(r => r.FileName == Path.GetFileName(path), Ct));
            Assert.Equal((ImportStatus.Failed, 3, 4), (run.Status, run.Created, run.CommittedThroughLine));
            Assert.Contains(failure.Message, run.Failure);
            Assert.Equal(3, await CountAsync(codes.Select(TestDistrict.Code)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task KilledImportProcess_RunAgain_EveryGoodRowSavedExactlyOnce()
    {
        const int rows = 40_000;
        var codes = Enumerable.Range(100_000, rows).ToList();
        var path = Path.Combine(Path.GetTempPath(), $"kill-{Guid.NewGuid():N}.csv");
        var lines = codes.Select((n, i) => Row(n, lon: 113.01 + i % 37 * 0.01, lat: 23.01 + i % 38 * 0.01)).ToList();
        lines[7] = lines[7].Replace(TestDistrict.Code(codes[7]), WrongCheck(codes[7]));
        await File.WriteAllTextAsync(path, Header + "\n" + string.Join("\n", lines), Ct);
        try
        {
            using (var first = StartCli(path))
            {
                // Killed right after its third batch is committed, as the CLI reports it.
                var committed = 0;
                while (committed < 3 && await first.StandardOutput.ReadLineAsync(Ct) is { } line)
                    if (line.StartsWith("committed:", StringComparison.Ordinal)) committed++;
                if (committed < 3) Assert.Fail("the import ended before it could be killed: " + await first.StandardError.ReadToEndAsync(Ct));
                first.Kill(entireProcessTree: true);
                await first.WaitForExitAsync(Ct);
            }
            var killed = await App.InDatabaseAsync(db => db.ImportRuns.SingleAsync(r => r.FileName == Path.GetFileName(path), Ct));
            Assert.Equal(ImportStatus.Running, killed.Status);
            Assert.InRange(await CountFromAsync("91440111MA1"), 1, rows - 2);

            using (var second = StartCli(path))
            {
                var output = await second.StandardOutput.ReadToEndAsync(Ct);
                await second.WaitForExitAsync(Ct);
                Assert.Contains("Resumed run", output);
                Assert.Equal(1, second.ExitCode); // one refused row
            }
            Assert.Equal(rows - 1, await CountFromAsync("91440111MA1"));
            var done = await App.InDatabaseAsync(db => db.ImportRuns.SingleAsync(r => r.FileName == Path.GetFileName(path), Ct));
            Assert.Equal((ImportStatus.Completed, rows - 1, 1), (done.Status, done.Created, done.Rejected));
            Assert.Equal(1, await App.InDatabaseAsync(db => db.ImportProblems.CountAsync(p => p.RunId == done.Id, Ct)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Codes from number 100,000 on (used by no other test here) share this prefix.</summary>
    private Task<int> CountFromAsync(string prefix) => App.InDatabaseAsync(db => db.Businesses.CountAsync(b => b.CreditCode.StartsWith(prefix), Ct));

    private Process StartCli(string path)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "wangge.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { dll, "import", "businesses", path, "--batch-size", "500", "--db", App.Database.ConnectionString }) start.ArgumentList.Add(a);
        return Process.Start(start)!;
    }

    private async Task<ImportReport> RunImporterAsync(string path, BusinessImportOptions options, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        await using var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Wangge.Auth.CallerContext>().Set(Core.Common.Caller.System("test-import"));
        return await scope.ServiceProvider.GetRequiredService<BusinessImporter>().ImportAsync(path, Path.GetFileName(path), options, progress, ct);
    }

    private sealed class SyncProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}

[Collection("sqlite")]
public sealed class SqliteBusinessImportTests(SqliteApp app) : BusinessImportSpecification(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresBusinessImportTests(PostgresApp app) : BusinessImportSpecification(app), IClassFixture<PostgresApp>;
