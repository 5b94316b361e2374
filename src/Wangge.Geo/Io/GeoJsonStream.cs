using System.Globalization;
using System.Text.Json;

namespace Wangge.Geo.Io;

/// <summary>
/// Walks a GeoJSON file's root object with <see cref="Utf8JsonReader"/> over a buffer refilled from the stream,
/// handing out the entries of "features" one at a time as small <see cref="JsonDocument"/>s. Memory stays at
/// the buffer plus one feature, whatever the file's size: a 200 MB FeatureCollection never exists whole.
/// The root's other members are kept (they are small in a FeatureCollection, and they are the whole content
/// of a single Feature or bare geometry).
/// </summary>
internal sealed class GeoJsonStream(Stream input)
{
    private const int InitialBufferBytes = 64 * 1024;

    /// <summary>
    /// The largest single feature (or root member) accepted. The buffer has to hold one whole value, so this is
    /// what bounds memory; a border this size would be a country drawn to the centimetre.
    /// </summary>
    internal const int MaxValueBytes = 256 * 1024 * 1024;

    private static readonly JsonReaderOptions Options = new()
    {
        // Hand-edited files carry these; neither changes what the data means.
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private enum Phase { BeforeRoot, RootMembers, Features, AfterRoot }

    private byte[] _buffer = new byte[InitialBufferBytes];
    private int _pos;
    private int _len;
    private bool _eof;
    private bool _started;
    private JsonReaderState _state = new(Options);
    private Phase _phase = Phase.BeforeRoot;

    /// <summary>The root object's members other than "features", as they were read.</summary>
    public Dictionary<string, JsonElement> RootMembers { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether the root had a "features" array (which was streamed, not kept).</summary>
    public bool HadFeatures { get; private set; }

    /// <summary>Called with each root member as soon as it has been read, so it can act before the features.</summary>
    public Action<string, JsonElement>? OnRootMember { get; init; }

    /// <summary>The next entry of "features", or null once the root object (and the file) has ended.</summary>
    public JsonDocument? Next()
    {
        if (!_started)
            Start();
        while (true)
        {
            // Never "final": at the end of the data the reader then stops instead of throwing, and a file that
            // ends early can be told apart from one that is not JSON.
            var reader = new Utf8JsonReader(_buffer.AsSpan(_pos, _len - _pos), isFinalBlock: false, _state);
            bool needMore;
            JsonDocument? feature;
            try
            {
                needMore = Advance(ref reader, out feature);
            }
            catch (JsonException e)
            {
                // The reader's state carries the line count across refills, so these are the file's own positions.
                var line = ((e.LineNumber ?? 0) + 1).ToString(CultureInfo.InvariantCulture);
                var column = ((e.BytePositionInLine ?? 0) + 1).ToString(CultureInfo.InvariantCulture);
                throw new BorderFileException("json_invalid", $"not valid JSON at line {line}, byte {column}: {e.Message}", [line, column], e);
            }
            // Advance leaves the reader at the last complete step; everything before it is done with.
            _pos += (int)reader.BytesConsumed;
            _state = reader.CurrentState;
            if (feature is not null)
                return feature;
            if (!needMore)
                return null;
            if (_eof)
                throw _phase == Phase.BeforeRoot
                    ? new BorderFileException("json_empty", "the file is empty: expected a GeoJSON object")
                    : new BorderFileException("json_cut_off", "the file ends before its JSON does: it was cut off (an interrupted upload or copy?)");
            Refill();
        }
    }

    /// <summary>
    /// Reads as far as the buffer allows. Returns true when more data is needed; then the reader is reset to the
    /// last step that completed, so the step is retried whole after a refill.
    /// </summary>
    private bool Advance(ref Utf8JsonReader reader, out JsonDocument? feature)
    {
        feature = null;
        while (true)
        {
            var checkpoint = reader;
            if (!reader.Read())
            {
                reader = checkpoint;
                return _phase != Phase.AfterRoot || !_eof;
            }
            switch (_phase)
            {
                case Phase.BeforeRoot:
                    if (reader.TokenType != JsonTokenType.StartObject)
                        throw new BorderFileException("json_not_object",
                            $"not GeoJSON: the file is a JSON {reader.TokenType}, not an object with a \"type\"");
                    _phase = Phase.RootMembers;
                    break;

                case Phase.RootMembers when reader.TokenType == JsonTokenType.EndObject:
                    _phase = Phase.AfterRoot;
                    break;

                case Phase.RootMembers:
                    var name = reader.GetString()!;
                    if (!reader.Read())
                    {
                        reader = checkpoint;
                        return true;
                    }
                    if (name == "features" && reader.TokenType == JsonTokenType.StartArray)
                    {
                        // The one member not taken whole: its entries are handed out one by one.
                        HadFeatures = true;
                        _phase = Phase.Features;
                        break;
                    }
                    if (!HasWholeValue(reader))
                    {
                        reader = checkpoint;
                        return true;
                    }
                    using (var doc = JsonDocument.ParseValue(ref reader))
                        RootMembers[name] = doc.RootElement.Clone();
                    OnRootMember?.Invoke(name, RootMembers[name]);
                    break;

                case Phase.Features when reader.TokenType == JsonTokenType.EndArray:
                    _phase = Phase.RootMembers;
                    break;

                case Phase.Features:
                    if (!HasWholeValue(reader))
                    {
                        reader = checkpoint;
                        return true;
                    }
                    feature = JsonDocument.ParseValue(ref reader);
                    return false;

                case Phase.AfterRoot:
                    // The reader throws on a second top-level value itself; nothing else can arrive here.
                    break;
            }
        }
    }

    // Probes a copy, because a failed TrySkip leaves the reader somewhere in the middle.
    private static bool HasWholeValue(Utf8JsonReader reader) =>
        reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray) || reader.TrySkip();

    private void Start()
    {
        _started = true;
        while (_len < 3 && !_eof)
            Refill();
        // Utf8JsonReader refuses a byte-order mark; Windows tools like to write one.
        if (_len >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF)
            _pos = 3;
    }

    private void Refill()
    {
        if (_pos > 0)
        {
            Buffer.BlockCopy(_buffer, _pos, _buffer, 0, _len - _pos);
            _len -= _pos;
            _pos = 0;
        }
        if (_len == _buffer.Length)
        {
            // One value fills the whole buffer: grow it, up to the limit that keeps memory bounded.
            if (_buffer.Length >= MaxValueBytes)
                throw new BorderFileException("feature_too_large",
                    $"a single feature is larger than {MaxValueBytes / (1024 * 1024)} MB; split or simplify it",
                    [(MaxValueBytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture)]);
            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, MaxValueBytes));
        }
        // Fill the buffer, not just one read's worth: an incomplete feature is re-scanned from its start after
        // each refill, and a network stream that trickles a few bytes per read would make that quadratic.
        while (_len < _buffer.Length)
        {
            var n = input.Read(_buffer, _len, _buffer.Length - _len);
            if (n == 0)
            {
                _eof = true;
                break;
            }
            _len += n;
        }
    }
}
