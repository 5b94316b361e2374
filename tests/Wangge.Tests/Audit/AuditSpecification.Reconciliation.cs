using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wangge.Core.People;
using Wangge.Tests.Infrastructure;
using static Wangge.Core.Audit.AuditMessages;

namespace Wangge.Tests.Audit;

/// <summary>Every audited table reconciles with the log: a row changed or inserted past Wangge is named.</summary>
public abstract partial class AuditSpecification
{
    private async Task<(Guid Id, long LastEntry)> SeededBusinessAsync(string code)
    {
        var id = await App.InDatabaseAsync(db => db.Businesses.IgnoreQueryFilters().Where(b => b.CreditCode == code).Select(b => b.Id).SingleAsync(Ct));
        var last = await App.InDatabaseAsync(db => db.AuditEntries.Where(e => e.EntityType == "Business" && e.EntityKey == id.ToString())
            .MaxAsync(e => e.Sequence, Ct));
        return (id, last);
    }

    [Fact]
    public async Task Verify_BusinessRowChangedInTheDatabase_NamesTheRecordTheEntryAndTheField()
    {
        var code = TestDistrict.Code(2);
        var (id, last) = await SeededBusinessAsync(code);
        var name = await App.InDatabaseAsync(db => db.Businesses.IgnoreQueryFilters().Where(b => b.Id == id).Select(b => b.Name).SingleAsync(Ct));

        await Sql($"UPDATE businesses SET name = '改名未经审计' WHERE credit_code = '{code}'");

        await FoundThenMendedAsync(Format(RowChanged, "business", $"{code} ({id})", last, "Name"),
            $"UPDATE businesses SET name = '{name}' WHERE credit_code = '{code}'");
    }

    /// <summary>Verify names <paramref name="problem"/> and fails the CLI; after <paramref name="mend"/> the log is clean again.</summary>
    private async Task FoundThenMendedAsync(string problem, string mend)
    {
        try
        {
            Assert.Contains(problem, await ProblemsAsync());
            Assert.Equal(1, await VerifyCommandAsync());
        }
        finally
        {
            await Sql(mend);
        }
        Assert.Empty(await ProblemsAsync());
    }

    [Fact]
    public async Task Verify_AdminUserInsertedInTheDatabase_SaysItHasNoAuditEntry()
    {
        var id = Guid.NewGuid();
        await App.InDatabaseAsync(db =>
        {
            var users = db.Model.FindEntityType(typeof(User))!;
            var columns = users.GetProperties().Select(p => p.GetColumnName()).ToList();
            var values = columns.Select(c => c switch
            {
                "id" => db.IsPostgres ? $"'{id}'" : $"'{id.ToString().ToUpperInvariant()}'",
                "user_name" => "'intruder'",
                _ => c,
            });
            var insert = $"INSERT INTO {users.GetTableName()} ({string.Join(", ", columns)}) SELECT {string.Join(", ", values)} FROM {users.GetTableName()} WHERE user_name = 'admin'";
            return db.Database.ExecuteSqlRawAsync(insert, Ct);
        });

        await FoundThenMendedAsync(Format(RowUnaudited, "user", $"intruder ({id})"), "DELETE FROM users WHERE user_name = 'intruder'");
    }

    [Fact]
    public async Task Verify_AuditedRowDeletedInTheDatabase_NamesTheEntryThatRecordsIt()
    {
        using var admin = await App.SignedInAsync("admin");
        // A token row: its deletion in the database removes nothing else.
        var token = await App.InDatabaseAsync(db => db.ApiTokens.OrderByDescending(t => t.ExpiresAt).FirstAsync(Ct));
        var last = await App.InDatabaseAsync(db => db.AuditEntries.Where(e => e.EntityType == "ApiToken" && e.EntityKey == token.Id.ToString())
            .MaxAsync(e => e.Sequence, Ct));
        await App.InDatabaseAsync(db => db.ApiTokens.Where(t => t.Id == token.Id).ExecuteDeleteAsync(Ct));

        Assert.Contains(Format(RowDeleted, "api token", token.Id, last), await ProblemsAsync());
        await App.InDatabaseAsync(db => { db.ApiTokens.Add(token); return db.SaveChangesAsync(Ct); });
    }

    [Fact]
    public async Task LicenceEntries_RecordTheIdsTheDatabaseAssigned()
    {
        using var inspector = await App.SignedInAsync("inspector");
        var response = await inspector.PostAsJsonAsync("/api/v1/businesses", new
        {
            creditCode = TestDistrict.Code(4101), name = "许可证审计餐厅", kind = "Enterprise", sector = "Catering", scale = "Small",
            address = "测试路4101号", lon = 113.05, lat = 23.3, openedOn = "2022-01-01",
            licences = new[]
            {
                new { kind = "FoodBusiness", number = "JY4101", issuedOn = "2022-01-01", expiresOn = "2031-01-01" },
                new { kind = "FoodBusiness", number = "JY4102", issuedOn = "2022-01-01", expiresOn = "2031-01-01" },
            },
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        var saved = await App.InDatabaseAsync(db => db.Businesses.IgnoreQueryFilters().Where(b => b.Id == id)
            .SelectMany(b => b.Licences.Select(l => EF.Property<int>(l, "Id"))).ToListAsync(Ct));
        var audited = await App.InDatabaseAsync(db => db.AuditEntries.Where(e => e.EntityType == "Licence" && e.Action == "added" && e.After!.Contains("JY410"))
            .Select(e => e.EntityKey).ToListAsync(Ct));
        Assert.Equal(saved.Order().Select(k => k.ToString(System.Globalization.CultureInfo.InvariantCulture)), audited.Order());
        Assert.All(saved, k => Assert.True(k > 0));
        Assert.Empty(await ProblemsAsync());
    }

    [Fact]
    public async Task Verify_AfterABulkImport_IsClean_AndAnImportedRowOrItsVersionChangedInTheDatabaseIsFound()
    {
        // Enough rows for PostgreSQL's COPY path; the batch has one entry, not one per row.
        const int first = 4200, rows = 260;
        var csv = "统一社会信用代码,名称,主体类型,行业,地址,经度,纬度,成立日期,许可证类型,许可证号,有效期至\n" + string.Join("\n",
            Enumerable.Range(first, rows).Select(n => $"{TestDistrict.Code(n)},批量审计{n},企业,餐饮服务,测试路{n}号,{113.05 + n % 7 * 0.001},23.3,2020-01-01,食品经营许可证,JY{n},2030-01-01"));
        var entriesBefore = await App.InDatabaseAsync(db => db.AuditEntries.CountAsync(Ct));
        using var bureau = await App.SignedInAsync("bureau");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "ledger.csv");
        var answer = await bureau.PostAsync("/api/v1/businesses/import", form, Ct);
        Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync(Ct));
        Assert.True(await App.InDatabaseAsync(db => db.AuditEntries.CountAsync(Ct)) - entriesBefore < rows / 10);
        Assert.Empty(await ProblemsAsync());

        var code = TestDistrict.Code(first + 7);
        await Sql($"UPDATE businesses SET name = '批量改名' WHERE credit_code = '{code}'");

        await FoundThenMendedAsync(Format(RowDiffersFromVersion, "business", code, 1, "name"),
            $"UPDATE businesses SET name = '批量审计{first + 7}' WHERE credit_code = '{code}'");

        // Changing the version with the row leaves them agreeing; the batch's digest of its versions does not.
        string Rename(string from, string to) =>
            $"UPDATE business_versions SET snapshot = REPLACE(snapshot, '{from}', '{to}') WHERE business_id = (SELECT id FROM businesses WHERE credit_code = '{code}')";
        await Sql($"UPDATE businesses SET name = '批量改名' WHERE credit_code = '{code}'");
        await Sql(Rename($"批量审计{first + 7}", "批量改名"));
        var digested = await App.InDatabaseAsync(async db => (await db.AuditEntries.Where(e => e.Action == "bulk-written").Select(e => e.After!).ToListAsync(Ct))
            .Sum(a => JsonDocument.Parse(a).RootElement.GetProperty("rows").GetInt64()));
        Assert.True(digested >= rows);
        var problems = await ProblemsAsync();
        await Sql($"UPDATE businesses SET name = '批量审计{first + 7}' WHERE credit_code = '{code}'");
        await Sql(Rename("批量改名", $"批量审计{first + 7}"));
        Assert.Equal([Format(BulkVersionsDiffer, digested, digested)], problems);
        Assert.Empty(await ProblemsAsync());
    }
}
