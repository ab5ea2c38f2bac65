using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace RedPacket.Bench.Circuits;

/// <summary>
/// The hub protocol blazor.web.js speaks on <c>/_blazor</c>: "blazorpack", version 2. On the wire it is SignalR's
/// MessagePack hub protocol (the server's BlazorPackHubProtocolWorker derives from MessagePackHubProtocolWorker and only
/// narrows the argument types to string, bool, int, long, float and byte[]), so this wraps MessagePackHubProtocol and
/// only changes the name the handshake announces. The server accepts no other protocol on that hub.
/// </summary>
public sealed class BlazorPackProtocol : IHubProtocol
{
    private readonly MessagePackHubProtocol _inner = new();

    public string Name => "blazorpack";

    public int Version => 2;

    public TransferFormat TransferFormat => TransferFormat.Binary;

    public bool IsVersionSupported(int version) => version <= Version;

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message) =>
        _inner.TryParseMessage(ref input, binder, out message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _inner.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _inner.GetMessageBytes(message);
}
