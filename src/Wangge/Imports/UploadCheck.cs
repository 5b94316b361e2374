using Wangge.Core.Common;

namespace Wangge.Imports;

/// <summary>What every upload endpoint refuses before it reads a byte of the file: nothing, or too much.</summary>
public static class UploadCheck
{
    /// <summary>A mapping file is a few lines of JSON.</summary>
    public const long MaxMappingBytes = 1 << 20;

    public static void Refuse(IFormFile? file, ImportOptions limits, string field = "file")
    {
        if (file is null)
            throw RuleViolation.Invalid(field, "file_required", $"Send the file as the multipart part '{field}'.");
        if (file.Length == 0)
            throw RuleViolation.Invalid(field, "file_empty", $"'{Path.GetFileName(file.FileName)}' is empty (0 bytes).");
        if (file.Length > limits.MaxUploadBytes)
            throw RuleViolation.Invalid(field, "file_too_large",
                $"The file is {file.Length / (1024.0 * 1024):F1} MB; an upload may be at most {limits.MaxUploadMegabytes} MB (setting Wangge:Imports:MaxUploadMegabytes).");
    }

    public static async Task<string?> ReadMappingAsync(IFormFile? mapping, CancellationToken ct)
    {
        if (mapping is null) return null;
        if (mapping.Length > MaxMappingBytes)
            throw RuleViolation.Invalid("mapping", "mapping_invalid", $"The mapping file is larger than {MaxMappingBytes / 1024} KB; it is a few lines of JSON.");
        using var reader = new StreamReader(mapping.OpenReadStream());
        return await reader.ReadToEndAsync(ct);
    }
}
