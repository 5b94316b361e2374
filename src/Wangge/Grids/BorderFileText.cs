using Microsoft.Extensions.Localization;
using Wangge.Geo.Io;

namespace Wangge.Grids;

/// <summary>
/// Why a border file cannot be used, in the user's language: the readers give a code and its values, the resources
/// (<c>BorderFile.{Code}</c>) the sentence. Every code the readers raise has one in each language (BorderFileTextTests).
/// </summary>
public static class BorderFileText
{
    public static string Of(IStringLocalizer t, BorderFileException e)
    {
        var known = t[$"BorderFile.{e.Code}", [.. e.Arguments]];
        return known.ResourceNotFound ? e.Message : known.Value;
    }
}
