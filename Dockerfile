# The web app. Build: docker build -t redpacket .  (docker compose up --build does it for you)
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish RedPacket.Web/RedPacket.Web.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
# The image's unprivileged user (APP_UID, 1654): the app needs no root, and keeps its keys in Redis, not on disk.
USER $APP_UID
ENTRYPOINT ["dotnet", "RedPacket.Web.dll"]
