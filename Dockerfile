# NewsFeed API: build on the .NET SDK image, run on the smaller ASP.NET runtime image as a non-root user.
# Every setting comes from the environment (see .env.example and the README's configuration table).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Project files first, so the restore layer is reused until a package reference changes.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/NewsFeed.FrontMatter/NewsFeed.FrontMatter.csproj src/NewsFeed.FrontMatter/
COPY src/NewsFeed.Data/NewsFeed.Data.csproj src/NewsFeed.Data/
COPY src/NewsFeed.Data.Sqlite/NewsFeed.Data.Sqlite.csproj src/NewsFeed.Data.Sqlite/
COPY src/NewsFeed.Data.Postgres/NewsFeed.Data.Postgres.csproj src/NewsFeed.Data.Postgres/
COPY src/NewsFeed.Import/NewsFeed.Import.csproj src/NewsFeed.Import/
COPY src/NewsFeed.Api/NewsFeed.Api.csproj src/NewsFeed.Api/
# For the build machine's runtime, so the app is compiled ahead of time (ReadyToRun: see NewsFeed.Api.csproj).
RUN dotnet restore src/NewsFeed.Api/NewsFeed.Api.csproj --use-current-runtime
COPY src/ src/
RUN dotnet publish src/NewsFeed.Api/NewsFeed.Api.csproj -c Release --use-current-runtime --self-contained false --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The SQLite default keeps its file in /app/data; the image's non-root user (APP_UID, set by the base image) must be
# able to write there.
RUN mkdir -p /app/data && chown "$APP_UID" /app/data
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_NOLOGO=1
USER $APP_UID
EXPOSE 8080
# The image has neither curl nor wget: the app probes itself (exit 0 when /health/live answers 2xx).
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["dotnet", "NewsFeed.Api.dll", "healthcheck", "http://localhost:8080/health/live"]
ENTRYPOINT ["dotnet", "NewsFeed.Api.dll"]
