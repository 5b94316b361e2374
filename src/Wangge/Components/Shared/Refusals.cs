using Microsoft.Extensions.Localization;
using Wangge.Core.Common;
using Wangge.Geo.Io;
using Wangge.Grids;
using Wangge.Resources;

namespace Wangge.Components.Shared;

/// <summary>
/// A refusal in the words of the page: the translated sentence for its code ({0} the field's name, then the values the
/// violation names), else the domain's own. Every code the domain raises has one (SharedResourceTests).
/// </summary>
public static class Refusals
{
    /// <param name="fieldName">The field as the page's form calls it, where the page has words of its own for it.</param>
    public static string Explain(IStringLocalizer<SharedResource> t, RuleViolation v, string? fieldName = null)
    {
        var field = fieldName ?? (v.Field is { } f ? t[$"Field.{f}"] is { ResourceNotFound: false } name ? name.Value : f : "");
        // A refusal caused by an unreadable border file ends with that file's own sentence, in the same language.
        string[] cause = v.InnerException is BorderFileException b ? [BorderFileText.Of(t, b)] : [];
        var known = t[$"Violation.{v.Code}", [field, .. v.Arguments, .. cause]];
        return known.ResourceNotFound ? v.Message : known.Value;
    }

    /// <summary>Another writer saved first: the page must reload before its form can be saved.</summary>
    public static bool IsStale(RuleViolation v) => v.Code is "version_stale" or "assignment_already_ended";
}
