using System.Buffers.Binary;
using System.Text;

namespace RedPacket.Bench.Circuits;

/// <summary>
/// Reads just enough of a render batch (the bytes of JS.RenderBatch, written by the server's RenderBatchWriter) to see,
/// per updated component, the attribute and text values its edits bring. Layout, all integers little-endian int32:
/// <list type="bullet">
/// <item>the last 20 bytes: offsets of the updated components, the reference frames, the disposed component ids, the
/// disposed event handler ids and the string table;</item>
/// <item>updated components: count, then that many offsets of diffs; a diff is componentId, edit count, then edits of 16
/// bytes (type, sibling index, reference frame index, removed attribute name as a string index);</item>
/// <item>reference frames: count, then frames of 20 bytes: the frame type, then 16 bytes whose meaning depends on it
/// (element: subtree length, name; text: string; attribute: name, value, event handler id as 8 bytes; component: subtree
/// length, component id; region: subtree length);</item>
/// <item>string table: from its offset to the trailer, one int32 offset per string; a string is .NET BinaryWriter's
/// (7-bit encoded byte length, then UTF-8). Index -1 is null.</item>
/// </list>
/// </summary>
public readonly ref struct RenderBatchReader(ReadOnlySpan<byte> batch)
{
    // RenderTreeFrameType and RenderTreeEditType (Microsoft.AspNetCore.Components.RenderTree).
    private const int FrameElement = 1, FrameText = 2, FrameAttribute = 3, FrameComponent = 4, FrameRegion = 5;
    private const int EditPrependFrame = 1, EditSetAttribute = 3, EditUpdateText = 5;
    private const int FrameSize = 20, EditSize = 16;

    private readonly ReadOnlySpan<byte> _b = batch;

    private int Int(int at) => BinaryPrimitives.ReadInt32LittleEndian(_b.Slice(at, 4));

    private int UpdatedComponentsAt => Int(_b.Length - 20);
    private int ReferenceFramesAt => Int(_b.Length - 16);
    private int StringTableAt => Int(_b.Length - 4);

    public int UpdatedComponentCount => Int(UpdatedComponentsAt);

    public string? String(int index)
    {
        if (index < 0) return null;
        var at = Int(StringTableAt + 4 * index);
        int length = 0, shift = 0;
        byte b;
        do { b = _b[at++]; length |= (b & 0x7F) << shift; shift += 7; } while ((b & 0x80) != 0);
        return Encoding.UTF8.GetString(_b.Slice(at, length));
    }

    /// <summary>
    /// Calls <paramref name="onValue"/> for every attribute (name, value) and text (null, text) frame that the edits of
    /// the <paramref name="diff"/>-th updated component insert or change, with that component's id.
    /// </summary>
    public void VisitValues(int diff, ValueVisitor onValue)
    {
        var diffAt = Int(UpdatedComponentsAt + 4 + 4 * diff);
        var componentId = Int(diffAt);
        var edits = Int(diffAt + 4);
        var frames = ReferenceFramesAt + 4;
        for (var e = 0; e < edits; e++)
        {
            var editAt = diffAt + 8 + EditSize * e;
            var type = Int(editAt);
            if (type is not (EditPrependFrame or EditSetAttribute or EditUpdateText)) continue;
            var first = Int(editAt + 8);
            var count = 1;
            if (type == EditPrependFrame)
            {
                // A prepended element (or component, or region) comes with its whole subtree.
                var frameType = Int(frames + FrameSize * first);
                if (frameType is FrameElement or FrameComponent or FrameRegion) count = Math.Max(1, Int(frames + FrameSize * first + 4));
            }
            for (var f = first; f < first + count; f++)
            {
                var at = frames + FrameSize * f;
                switch (Int(at))
                {
                    case FrameAttribute:
                        onValue(componentId, String(Int(at + 4)), String(Int(at + 8)));
                        break;
                    case FrameText:
                        onValue(componentId, null, String(Int(at + 4)));
                        break;
                }
            }
        }
    }
}

/// <summary>An attribute (name and value) or, with a null name, a text frame, in the component with that id.</summary>
public delegate void ValueVisitor(int componentId, string? attributeName, string? value);
