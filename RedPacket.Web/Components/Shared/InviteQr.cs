using System.Text;
using QRCoder;

namespace RedPacket.Web.Components.Shared;

/// <summary>A QR code of a link as an SVG <c>data:</c> URI: an img needs no script, and the SVG stays sharp when zoomed.</summary>
public static class InviteQr
{
    public static string DataUri(string link)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(6);
        return "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg));
    }
}
