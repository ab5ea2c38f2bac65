using RedPacket.Domain;
using RedPacket.Web;
using RedPacket.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddRedPacketDomain();
builder.AddRedPacketWeb();

var app = builder.Build();

await app.PrepareDatabaseAsync();
app.MapRedPacketWeb();

app.Run();
