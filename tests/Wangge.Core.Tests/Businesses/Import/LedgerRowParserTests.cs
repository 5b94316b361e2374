using Wangge.Core.Businesses;
using Wangge.Core.Businesses.Import;

namespace Wangge.Core.Tests.Businesses.Import;

public sealed class LedgerRowParserTests
{
    private static RowProblem SingleProblem(LedgerRowBuilder row, string field, string code) => row.SingleProblem(field, code);

    [Fact]
    public void Parse_ValidRow_GivesEveryField()
    {
        var facts = new LedgerRowBuilder().Facts();

        Assert.Equal(Codes.Credit(1), facts.Code.Value);
        Assert.Equal(LedgerCodeKind.CreditCode, facts.Code.Kind);
        Assert.Equal("广州市白云区示例餐饮店", facts.Name);
        Assert.Equal(BusinessKind.IndividualHousehold, facts.Kind);
        Assert.Equal(Sector.Catering, facts.Sector);
        Assert.Equal(SectorSet.Of(Sector.Catering, Sector.FoodSale), facts.Sectors);
        Assert.Equal(BusinessScale.Micro, facts.Scale);
        Assert.True(facts.KeyIndustry);
        Assert.Equal("张三", facts.LegalRepresentative);
        Assert.Equal("广州市白云区景泰街道广园中路1号", facts.Address);
        Assert.Equal((113.2731, 23.1658), (facts.Lon, facts.Lat));
        Assert.Equal(BusinessStatus.Operating, facts.Status);
        Assert.Equal(new DateOnly(2019, 5, 20), facts.OpenedOn);
        Assert.Null(facts.StatusSince);
        Assert.Equal(("李四", "13800138000"), (facts.ContactPerson, facts.ContactPhone));
        var licence = Assert.Single(facts.Licences);
        Assert.Equal(new LicenceFacts(LicenceKind.FoodBusiness, "JY24401110012345", "热食类食品制售", new DateOnly(2019, 6, 1), new DateOnly(2029, 5, 31)), licence);
    }

    [Fact]
    public void Parse_ValidRow_ResultCarriesLineAndCode()
    {
        var result = new LedgerRowBuilder().Parse(line: 17);

        Assert.Equal(RowResultKind.Facts, result.Kind);
        Assert.Equal(17, result.Line);
        Assert.Equal(Codes.Credit(1), result.Code?.Value);
        Assert.Empty(result.Problems);
    }

    [Theory]
    [InlineData("示例\0店", "NUL, which PostgreSQL cannot store")]
    [InlineData("示例\u0001店", "a C0 control character")]
    [InlineData("\u001B[31m示例店", "an escape sequence")]
    [InlineData("示例\u007F店", "DEL")]
    [InlineData("示例\u0085店", "a C1 control character")]
    public void Parse_ControlCharacterInACell_RowRefusedNamingTheField(string name, string why)
    {
        var problem = SingleProblem(new LedgerRowBuilder().With(LedgerField.Name, name), "name", "control_character");
        Assert.True(problem.Message.Contains("control character", StringComparison.Ordinal), why);
    }

    [Fact]
    public void Parse_TabAndLineBreakInACell_AreText()
    {
        var facts = new LedgerRowBuilder().With(LedgerField.Address, "广州市白云区\n景泰街道\t1号").Facts();
        Assert.Contains('\n', facts.Address);
    }

    [Fact]
    public void Parse_BlankRow_IsBlankNotProblems()
    {
        var cells = new string?[LedgerRowBuilder.Headers.Length];
        cells[1] = "  ";
        cells[3] = "\u3000";
        cells[5] = "\t";

        var result = LedgerRowBuilder.Parser().Parse(9, cells);

        Assert.True(result.IsBlank);
        Assert.Empty(result.Problems);
        Assert.Null(result.Facts);
    }

    [Fact]
    public void Parse_RowShorterThanTheHeader_MissingCellsAreEmpty()
    {
        var cells = new LedgerRowBuilder().WithoutLicence().Cells()[..(int)LedgerField.LicenceKind];

        Assert.True(LedgerRowBuilder.Parser().Parse(2, cells).IsValid);
    }

    [Fact]
    public void Parse_CellsWithSurroundingWhitespace_AreTrimmed()
    {
        var facts = new LedgerRowBuilder().With(LedgerField.Name, " \u3000示例店\t").With(LedgerField.Code, $"  {Codes.Credit(1)} ").Facts();

        Assert.Equal("示例店", facts.Name);
        Assert.Equal(Codes.Credit(1), facts.Code.Value);
    }

    [Fact]
    public void Parse_MissingCode_IsCodeRequired()
    {
        SingleProblem(new LedgerRowBuilder().With(LedgerField.Code, " "), "code", "code_required");
    }

    [Fact]
    public void Parse_WrongCheckCharacter_IsTheCreditCodesOwnProblemOnTheCodeField()
    {
        var code = Codes.Credit(1);
        var wrong = code[..^1] + (code[^1] == '0' ? '1' : '0');

        var problem = SingleProblem(new LedgerRowBuilder().With(LedgerField.Code, wrong), "code", "credit_code_check");

        Assert.Contains($"'{code[^1]}'", problem.Message);
    }

    [Fact]
    public void Parse_LowercaseFullWidthCode_IsNormalised()
    {
        const string tencent = "91440300708461136T";
        var typed = string.Concat(tencent.ToLowerInvariant().Select(c => (char)(c + 0xFEE0)));

        Assert.Equal(tencent, new LedgerRowBuilder().With(LedgerField.Code, typed).Facts().Code.Value);
    }

    [Fact]
    public void Parse_OldRegistrationNumber_IsAccepted()
    {
        var facts = new LedgerRowBuilder().With(LedgerField.Code, Codes.Registration(42)).Facts();

        Assert.Equal(LedgerCodeKind.RegistrationNumber, facts.Code.Kind);
    }

    [Fact]
    public void Parse_MissingName_IsNameRequired()
    {
        SingleProblem(new LedgerRowBuilder().With(LedgerField.Name, null), "name", "name_required");
    }

    [Fact]
    public void Parse_NameOverTheLimit_IsTooLong_ButAtTheLimitIsFine()
    {
        SingleProblem(new LedgerRowBuilder().With(LedgerField.Name, new string('店', Business.MaxNameLength + 1)), "name", "name_too_long");
        Assert.True(new LedgerRowBuilder().With(LedgerField.Name, new string('店', Business.MaxNameLength)).Parse().IsValid);
    }

    [Theory]
    [InlineData("食品销售,餐饮", Sector.FoodSale, Label = "comma")]
    [InlineData("食品销售；餐饮", Sector.FoodSale, Label = "full-width semicolon")]
    [InlineData("餐饮服务/食品销售", Sector.Catering, Label = "slash")]
    [InlineData("catering|food_sale", Sector.Catering, Label = "English with a bar")]
    public void Parse_SeveralSectors_FirstIsTheMainOne(string text, Sector main)
    {
        var facts = new LedgerRowBuilder().With(LedgerField.Sectors, text).Facts();

        Assert.Equal(main, facts.Sector);
        Assert.Equal(SectorSet.Of(Sector.FoodSale, Sector.Catering), facts.Sectors);
    }

    [Fact]
    public void Parse_UnknownSector_NamesIt()
    {
        var problem = SingleProblem(new LedgerRowBuilder().With(LedgerField.Sectors, "餐饮、洗浴"), "sectors", "sector_unknown");

        Assert.StartsWith("unknown sector '洗浴'", problem.Message);
    }

    [Fact]
    public void Parse_NoSector_IsSectorsRequired()
    {
        SingleProblem(new LedgerRowBuilder().With(LedgerField.Sectors, "、"), "sectors", "sectors_required");
    }

    [Fact]
    public void Parse_MissingAddress_IsRequired_AndOverlongAddressTooLong()
    {
        SingleProblem(new LedgerRowBuilder().With(LedgerField.Address, ""), "address", "address_required");
        SingleProblem(new LedgerRowBuilder().With(LedgerField.Address, new string('路', Business.MaxAddressLength + 1)), "address", "address_too_long");
    }

    [Fact]
    public void Parse_EmptyKindAndScale_TakeTheDefaults()
    {
        var cells = new LedgerRowBuilder().With(LedgerField.Kind, null).With(LedgerField.Scale, null).Cells();
        var options = new LedgerParseOptions(LedgerRowBuilder.AsOf, DefaultKind: BusinessKind.Cooperative, DefaultScale: BusinessScale.Medium);

        var facts = new LedgerRowParser(ColumnMapping.Default.Resolve(LedgerRowBuilder.Headers), options).Parse(2, cells).Facts!;

        Assert.Equal((BusinessKind.Cooperative, BusinessScale.Medium), (facts.Kind, facts.Scale));
    }

    [Theory]
    [InlineData(LedgerField.Kind, "kind", "kind_unknown")]
    [InlineData(LedgerField.Scale, "scale", "scale_unknown")]
    [InlineData(LedgerField.Status, "status", "status_unknown")]
    [InlineData(LedgerField.KeyIndustry, "keyIndustry", "key_industry_invalid")]
    public void Parse_UnknownWord_IsRefusedOnItsField(LedgerField field, string name, string code)
    {
        var problem = SingleProblem(new LedgerRowBuilder().With(field, "某某"), name, code);

        Assert.Contains("'某某'", problem.Message);
    }

    [Fact]
    public void Parse_EmptyStatusAndKeyIndustry_AreOperatingAndNo()
    {
        var facts = new LedgerRowBuilder().With(LedgerField.Status, null).With(LedgerField.KeyIndustry, null).Facts();

        Assert.Equal(BusinessStatus.Operating, facts.Status);
        Assert.False(facts.KeyIndustry);
    }

    [Fact]
    public void Parse_ClosedWithDate_KeepsStatusSince()
    {
        var facts = new LedgerRowBuilder().With(LedgerField.Status, "注销").With(LedgerField.StatusSince, "2024/12/31").Facts();

        Assert.Equal((BusinessStatus.Closed, new DateOnly(2024, 12, 31)), (facts.Status, facts.StatusSince));
    }

    [Fact]
    public void Parse_StatusDateBeforeOpening_IsRefused()
    {
        SingleProblem(new LedgerRowBuilder().With(LedgerField.StatusSince, "2019-05-19"), "statusSince", "status_before_opening");
        Assert.True(new LedgerRowBuilder().With(LedgerField.StatusSince, "2019-05-20").Parse().IsValid);
    }

    [Fact]
    public void Parse_MissingOpeningDate_IsRequired()
    {
        SingleProblem(new LedgerRowBuilder().With(LedgerField.OpenedOn, null), "openedOn", "opened_on_required");
    }

    [Theory]
    [InlineData("43605", Label = "Excel serial number")]
    [InlineData("20190520", Label = "eight digits")]
    [InlineData("2019年5月20日", Label = "Chinese")]
    public void Parse_OpeningDateInAnyAcceptedFormat_IsTheDate(string text)
    {
        Assert.Equal(new DateOnly(2019, 5, 20), new LedgerRowBuilder().With(LedgerField.OpenedOn, text).Facts().OpenedOn);
    }

    [Theory]
    [InlineData("1949-09-30", "date_too_early", Label = "before 1949-10-01")]
    [InlineData("2026-03-03", "date_in_future", Label = "two days after the import date")]
    [InlineData("2019-02-30", "date_invalid", Label = "no such day")]
    public void Parse_ImpossibleOpeningDate_IsRefused(string text, string code)
    {
        SingleProblem(new LedgerRowBuilder().With(LedgerField.OpenedOn, text).WithoutLicence(), "openedOn", code);
    }

    [Fact]
    public void Parse_OpeningDateTomorrow_IsAllowedForTimeZones()
    {
        Assert.True(new LedgerRowBuilder().With(LedgerField.OpenedOn, "2026-03-02").WithoutLicence().Parse().IsValid);
    }

    [Fact]
    public void Parse_OverlongContactPhone_IsTooLong()
    {
        SingleProblem(new LedgerRowBuilder().With(LedgerField.ContactPhone, new string('1', Business.MaxPhoneLength + 1)), "contactPhone", "contact_phone_too_long");
    }

    [Fact]
    public void Parse_RowWithManyProblems_ReportsEveryOneOnItsLine()
    {
        var row = new LedgerRowBuilder()
            .With(LedgerField.Code, "91440111MA59XXXXX")
            .With(LedgerField.Name, null)
            .With(LedgerField.Sectors, "餐饮、桑拿")
            .With(LedgerField.Lon, "23.1658").With(LedgerField.Lat, "113.2731")
            .With(LedgerField.OpenedOn, "2031-01-01")
            .With(LedgerField.LicenceNumber, null);

        var result = row.Parse(line: 4711);

        Assert.Equal(RowResultKind.Problems, result.Kind);
        Assert.Null(result.Facts);
        Assert.Null(result.Code);
        Assert.All(result.Problems, p => Assert.Equal(4711, p.Line));
        Assert.Equal(
            [
                ("code", "credit_code_length"), ("name", "name_required"), ("sectors", "sector_unknown"),
                ("lon", "coordinates_outside_china"), ("openedOn", "date_in_future"), ("licenceNumber", "licence_number_required"),
            ],
            result.Problems.Select(p => (p.Field, p.Code)));
    }

    [Fact]
    public void Parse_RefusedRowWithAValidCode_StillCarriesTheCode()
    {
        var result = new LedgerRowBuilder().With(LedgerField.Name, null).Parse();

        Assert.Equal(Codes.Credit(1), result.Code?.Value);
    }

    [Fact]
    public void Parse_FileWithOnlyCodeAndNameColumns_ReportsTheOtherRequiredFieldsPerRow()
    {
        var parser = new LedgerRowParser(ColumnMapping.Default.Resolve(["code", "name"]), new LedgerParseOptions(LedgerRowBuilder.AsOf));

        var result = parser.Parse(2, [Codes.Credit(3), "某店"]);

        Assert.Equal(["sectors_required", "address_required", "lon_required", "lat_required", "opened_on_required"],
            result.Problems.Select(p => p.Code));
    }
}
