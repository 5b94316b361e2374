using Wangge.Core.Businesses;
using Wangge.Core.Businesses.Import;

namespace Wangge.Core.Tests.Businesses.Import;

public sealed class LedgerRowParserLicenceTests
{
    private static RowProblem SingleProblem(LedgerRowBuilder row, string field, string code) => row.SingleProblem(field, code);

    [Fact]
    public void Parse_RowWithoutLicence_HasNone()
    {
        Assert.Empty(new LedgerRowBuilder().WithoutLicence().Facts().Licences);
    }

    [Fact]
    public void Parse_LicenceWithOnlyAScope_NeedsKindAndNumber()
    {
        var result = new LedgerRowBuilder().WithoutLicence().With(LedgerField.LicenceScope, "预包装食品销售").Parse();

        Assert.Equal([("licenceKind", "licence_kind_required"), ("licenceNumber", "licence_number_required")],
            result.Problems.Select(p => (p.Field, p.Code)));
    }

    [Fact]
    public void Parse_LicenceOfUnknownKind_IsRefused()
    {
        SingleProblem(new LedgerRowBuilder().With(LedgerField.LicenceKind, "营业执照"), "licenceKind", "licence_kind_unknown");
    }

    [Fact]
    public void Parse_LicenceExpiringBeforeIssue_IsRefused()
    {
        SingleProblem(new LedgerRowBuilder().With(LedgerField.LicenceExpiresOn, "2019-05-31"), "licenceExpiresOn", "licence_expires_before_issued");
    }

    [Fact]
    public void Parse_LicenceExpiryYearsAhead_IsFine_ButIssueInTheFutureIsNot()
    {
        Assert.True(new LedgerRowBuilder().With(LedgerField.LicenceExpiresOn, "2031-12-31").Parse().IsValid);
        SingleProblem(new LedgerRowBuilder().With(LedgerField.LicenceIssuedOn, "2027-01-01").With(LedgerField.LicenceExpiresOn, "2032-01-01"),
            "licenceIssuedOn", "date_in_future");
    }

    [Fact]
    public void Parse_SingleLicenceScopeWithSemicolons_IsKeptWhole()
    {
        var facts = new LedgerRowBuilder().With(LedgerField.LicenceScope, "预包装食品销售；散装食品销售;热食类食品制售").Facts();

        Assert.Equal("预包装食品销售；散装食品销售;热食类食品制售", Assert.Single(facts.Licences).Scope);
    }

    [Fact]
    public void Parse_TwoLicencesSeparatedBySemicolons_AreTwoLicences()
    {
        var facts = new LedgerRowBuilder()
            .With(LedgerField.LicenceKind, "食品经营许可证；特种设备使用登记证")
            .With(LedgerField.LicenceNumber, "JY24401110012345; 梯11粤AB1234")
            .With(LedgerField.LicenceScope, "热食类食品制售;")
            .With(LedgerField.LicenceIssuedOn, "2019-06-01;2020-01-15")
            .With(LedgerField.LicenceExpiresOn, "2029-05-31;").Facts();

        Assert.Equal(
            [
                new LicenceFacts(LicenceKind.FoodBusiness, "JY24401110012345", "热食类食品制售", new DateOnly(2019, 6, 1), new DateOnly(2029, 5, 31)),
                new LicenceFacts(LicenceKind.SpecialEquipmentUse, "梯11粤AB1234", null, new DateOnly(2020, 1, 15), null),
            ],
            facts.Licences);
    }

    [Fact]
    public void Parse_LicenceColumnsListingDifferentCounts_AreRefused()
    {
        var result = new LedgerRowBuilder()
            .With(LedgerField.LicenceKind, "食品经营许可证;特种设备使用登记证")
            .With(LedgerField.LicenceNumber, "JY24401110012345;梯11粤AB1234")
            .With(LedgerField.LicenceIssuedOn, "2019-06-01").Parse();

        var problems = result.Problems.Where(p => p.Code == "licence_count_mismatch").Select(p => p.Field).ToList();
        Assert.Equal(["licenceScope", "licenceIssuedOn", "licenceExpiresOn"], problems);
        Assert.DoesNotContain(result.Problems, p => p.Code != "licence_count_mismatch");
    }

    [Fact]
    public void Parse_SecondOfTwoLicencesWithoutNumber_SaysWhichLicence()
    {
        var problem = SingleProblem(new LedgerRowBuilder()
            .With(LedgerField.LicenceKind, "食品经营许可证;小餐饮登记证")
            .With(LedgerField.LicenceNumber, "JY24401110012345;")
            .With(LedgerField.LicenceScope, null).With(LedgerField.LicenceIssuedOn, null).With(LedgerField.LicenceExpiresOn, null),
            "licenceNumber", "licence_number_required");

        Assert.Contains("licence 2", problem.Message);
    }
}
