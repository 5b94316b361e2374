using Wangge.Core.Businesses.Import;

namespace Wangge.Core.Tests.Businesses.Import;

public sealed class ColumnMappingTests
{
    [Theory]
    [InlineData("统一社会信用代码", LedgerField.Code, Label = "the credit code header of the national template")]
    [InlineData("统一社会信用代码/注册号", LedgerField.Code, Label = "a column holding codes and old registration numbers")]
    [InlineData("注册号", LedgerField.Code, Label = "old registration number")]
    [InlineData("credit_code", LedgerField.Code, Label = "snake_case English")]
    [InlineData("creditCode", LedgerField.Code, Label = "camelCase English")]
    [InlineData("business_id", LedgerField.Code, Label = "export of another system")]
    [InlineData("企业名称", LedgerField.Name, Label = "name, enterprise template")]
    [InlineData("字号名称", LedgerField.Name, Label = "name, individual household template")]
    [InlineData("Name", LedgerField.Name, Label = "English, capitalised")]
    [InlineData("主体类型", LedgerField.Kind, Label = "kind")]
    [InlineData("监管类别", LedgerField.Sectors, Label = "sectors as the supervision category")]
    [InlineData("sectors", LedgerField.Sectors, Label = "English plural")]
    [InlineData("sector", LedgerField.Sectors, Label = "English singular")]
    [InlineData("经营场所", LedgerField.Address, Label = "address as place of business")]
    [InlineData("住所", LedgerField.Address, Label = "address as domicile")]
    [InlineData("经度", LedgerField.Lon, Label = "longitude")]
    [InlineData("lng", LedgerField.Lon, Label = "longitude as web maps name it")]
    [InlineData("Latitude", LedgerField.Lat, Label = "latitude")]
    [InlineData("法定代表人/负责人", LedgerField.LegalRepresentative, Label = "legal representative or person in charge")]
    [InlineData("经营者", LedgerField.LegalRepresentative, Label = "operator of an individual household")]
    [InlineData("登记状态", LedgerField.Status, Label = "registration status")]
    [InlineData("开业日期", LedgerField.OpenedOn, Label = "opening date")]
    [InlineData("注销日期", LedgerField.StatusSince, Label = "closing date")]
    [InlineData("手机", LedgerField.ContactPhone, Label = "mobile phone")]
    [InlineData("是否重点", LedgerField.KeyIndustry, Label = "key industry flag")]
    [InlineData("规模", LedgerField.Scale, Label = "scale")]
    [InlineData("证照类型", LedgerField.LicenceKind, Label = "licence kind")]
    [InlineData("许可证编号", LedgerField.LicenceNumber, Label = "licence number")]
    [InlineData("经营项目", LedgerField.LicenceScope, Label = "licence scope")]
    [InlineData("发证日期", LedgerField.LicenceIssuedOn, Label = "issue date")]
    [InlineData("有效期至", LedgerField.LicenceExpiresOn, Label = "expiry date")]
    [InlineData("坐标系", LedgerField.Crs, Label = "coordinate system")]
    [InlineData("licenceExpiresOn", LedgerField.LicenceExpiresOn, Label = "every field's own camelCase name")]
    public void TryGetField_BuiltInAlias_IsKnown(string header, LedgerField expected)
    {
        Assert.True(ColumnMapping.Default.TryGetField(header, out var field));
        Assert.Equal(expected, field);
    }

    [Theory]
    [InlineData(" 企业名称 ", Label = "surrounding spaces")]
    [InlineData("企业\u3000名称", Label = "an ideographic space inside")]
    [InlineData("企业名称*", Label = "the asterisk templates put on required columns")]
    [InlineData("企业名称＊", Label = "a full-width asterisk")]
    [InlineData("\uFEFF企业名称", Label = "a byte order mark left on the first header")]
    [InlineData("ＮＡＭＥ", Label = "full-width Latin letters")]
    [InlineData("NAME", Label = "upper case")]
    public void TryGetField_VariantSpellingOfAnAlias_IsKnown(string header)
    {
        Assert.True(ColumnMapping.Default.TryGetField(header, out var field));
        Assert.Equal(LedgerField.Name, field);
    }

    [Theory]
    [InlineData("经度(WGS84)", LedgerField.Lon, Label = "ASCII brackets")]
    [InlineData("纬度（GCJ-02）", LedgerField.Lat, Label = "full-width brackets")]
    public void TryGetField_HeaderWithBracketedNote_IsTheFieldBeforeTheNote(string header, LedgerField expected)
    {
        Assert.True(ColumnMapping.Default.TryGetField(header, out var field));
        Assert.Equal(expected, field);
    }

    [Fact]
    public void Resolve_EveryField_IsFoundInItsColumn_AndUnknownHeadersAreListed()
    {
        var columns = ColumnMapping.Default.Resolve(["序号", "企业名称", "统一社会信用代码", null, "备注", "经度"]);

        Assert.Equal(2, columns.IndexOf(LedgerField.Code));
        Assert.Equal(1, columns.IndexOf(LedgerField.Name));
        Assert.Equal(5, columns.IndexOf(LedgerField.Lon));
        Assert.Equal(-1, columns.IndexOf(LedgerField.Lat));
        Assert.False(columns.Has(LedgerField.Address));
        Assert.Equal("企业名称", columns.HeaderOf(LedgerField.Name));
        Assert.Equal(["序号", "备注"], columns.Ignored);
    }

    [Fact]
    public void Resolve_TwoHeadersForOneField_IsRefusedNamingBoth()
    {
        var ex = RuleAssert.Refused(() => ColumnMapping.Default.Resolve(["统一社会信用代码", "名称", "企业名称"]), "column_duplicate", "columns");

        Assert.Contains("'名称'", ex.Message);
        Assert.Contains("'企业名称'", ex.Message);
        Assert.Contains("name", ex.Message);
    }

    [Fact]
    public void Resolve_NoCodeOrNameColumn_IsRefusedListingWhatIsMissingAndWhatWasSeen()
    {
        var ex = RuleAssert.Refused(() => ColumnMapping.Default.Resolve(["单位", "经营地址"]), "columns_missing", "columns");

        Assert.Contains("code and name", ex.Message);
        Assert.Contains("'单位'", ex.Message);
        Assert.Contains("'经营地址'", ex.Message);
    }

    [Fact]
    public void Resolve_OnlyTheNameMissing_NamesOnlyTheName()
    {
        var ex = RuleAssert.Refused(() => ColumnMapping.Default.Resolve(["code", "address"]), "columns_missing", "columns");

        Assert.Contains("no column for name.", ex.Message);
    }

    [Fact]
    public void FromJson_MapsADistrictsOwnHeaders_AndKeepsTheAliases()
    {
        var mapping = ColumnMapping.FromJson("""{"columns": {"企业代码": "code", "X坐标": "lon", "Y坐标": "LAT", "门牌": "address"}}""");

        var columns = mapping.Resolve(["企业代码", "企业名称", "X坐标", "Y坐标", "门牌"]);

        Assert.Equal(0, columns.IndexOf(LedgerField.Code));
        Assert.Equal(1, columns.IndexOf(LedgerField.Name));
        Assert.Equal(2, columns.IndexOf(LedgerField.Lon));
        Assert.Equal(3, columns.IndexOf(LedgerField.Lat));
        Assert.Equal(4, columns.IndexOf(LedgerField.Address));
    }

    [Fact]
    public void FromJson_OverridesAnAlias_AndNullIgnoresAHeader()
    {
        // A ledger where 名称 is the licence's name and 电话 a landline nobody uses: the file says which is which.
        var mapping = ColumnMapping.FromJson("""{"columns": {"名称": "licenceScope", "主体名称": "name", "电话": null, "手机": "contactPhone"}}""");

        var columns = mapping.Resolve(["信用代码", "名称", "主体名称", "电话", "手机"]);

        Assert.Equal(1, columns.IndexOf(LedgerField.LicenceScope));
        Assert.Equal(2, columns.IndexOf(LedgerField.Name));
        Assert.Equal(4, columns.IndexOf(LedgerField.ContactPhone));
        Assert.Contains("电话", columns.Ignored);
    }

    [Theory]
    [InlineData("licence_number", LedgerField.LicenceNumber, Label = "snake_case")]
    [InlineData("LicenceNumber", LedgerField.LicenceNumber, Label = "PascalCase")]
    [InlineData("openedOn", LedgerField.OpenedOn, Label = "camelCase")]
    public void FromJson_FieldNames_AreCaseInsensitive(string fieldName, LedgerField expected)
    {
        var mapping = ColumnMapping.FromJson($$$"""{"columns": {"某列": "{{{fieldName}}}"}}""");

        Assert.True(mapping.TryGetField("某列", out var field));
        Assert.Equal(expected, field);
    }

    [Fact]
    public void FromJson_UnknownFieldName_IsRefusedNamingTheEntry()
    {
        var ex = RuleAssert.Refused(() => ColumnMapping.FromJson("""{"columns": {"X坐标": "longitud"}}"""), "mapping_field_unknown", "mapping");

        Assert.Contains("'X坐标'", ex.Message);
        Assert.Contains("'longitud'", ex.Message);
    }

    [Theory]
    [InlineData("{not json", Label = "not JSON at all")]
    [InlineData("""{"企业名称": "name"}""", Label = "the entries without the columns object")]
    [InlineData("""[1, 2]""", Label = "an array")]
    public void FromJson_MalformedFile_IsRefused(string json)
    {
        RuleAssert.Refused(() => ColumnMapping.FromJson(json), "mapping_invalid", "mapping");
    }

    [Fact]
    public void KnownFieldCount_CountsDistinctFieldsOnly()
    {
        Assert.Equal(2, ColumnMapping.Default.KnownFieldCount(["名称", "企业名称", "经度", "XX网格经济户口台帐", null]));
        Assert.Equal(0, ColumnMapping.Default.KnownFieldCount(["XX网格经济户口台帐", "XX网格经济户口台帐"]));
    }
}
