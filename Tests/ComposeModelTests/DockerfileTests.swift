import ComposeModel
import Testing

@Suite struct DockerfileTests {
    @Test func finalStageExposesItsOwnPortsAndNamesItsBase() throws {
        let dockerfile = Dockerfile(
            text: """
                # syntax=docker/dockerfile:1
                FROM node:20-alpine AS build
                EXPOSE 9229
                RUN npm ci && \\
                    npm run build
                FROM --platform=$BUILDPLATFORM php:8.3-fpm-alpine
                EXPOSE 8080/tcp 53/udp
                USER www-data
                """)
        let image = try #require(dockerfile.image())
        #expect(image.exposed == [ExposedPort(port: 8080), ExposedPort(port: 53, transport: .udp)])
        #expect(image.baseImage == "php:8.3-fpm-alpine", "php-fpm's own EXPOSE 9000 comes from the base image")
        #expect(image.user == "www-data")
    }

    @Test func aStageBuiltOnAnotherStageInheritsItsPortsAndBase() throws {
        let dockerfile = Dockerfile(
            text: """
                ARG NODE=20
                FROM node:${NODE}-slim AS base
                EXPOSE 3000
                FROM base AS dev
                EXPOSE 9229
                FROM base AS production
                USER node
                """)
        #expect(dockerfile.image()?.exposed == [ExposedPort(port: 3000)])
        #expect(dockerfile.image()?.baseImage == "node:20-slim")
        #expect(dockerfile.image(target: "dev")?.exposed == [ExposedPort(port: 9229), ExposedPort(port: 3000)])
        #expect(dockerfile.image(target: "missing") == nil)
    }

    @Test func buildArgumentsFillTheirVariables() throws {
        let text = """
            ARG BASE=alpine:3.20
            FROM ${BASE}
            ARG PORT=8000
            EXPOSE $PORT
            """
        #expect(Dockerfile(text: text).image() == .init(exposed: [ExposedPort(port: 8000)], baseImage: "alpine:3.20", user: nil))
        #expect(Dockerfile(text: text, buildArgs: ["PORT": "9000", "BASE": "debian:12"]).image()?.exposed == [ExposedPort(port: 9000)])
        #expect(Dockerfile(text: text, buildArgs: ["PORT": "9000", "BASE": "debian:12"]).image()?.baseImage == "debian:12")
    }

    @Test func scratchHasNoBaseAndRangesExpand() {
        let image = Dockerfile(text: "FROM scratch\nEXPOSE 7000-7002\nEXPOSE not-a-port 70000").image()
        #expect(image?.baseImage == nil)
        #expect(image?.exposed.map(\.port) == [7000, 7001, 7002])
    }
}

@Suite struct ServiceReferenceTests {
    @Test(arguments: [
        ("db", true), ("db:3306", true), ("mysql://wp:pw@db:3306/wp", true), ("postgres://db/app", true), ("redis,db", true),
        ("host=db port=5432", true), ("http://cms:1337", false), ("dbname", false), ("/var/db/data", false), ("my-db", false),
    ])
    func findsAServiceNameUsedAsAHost(value: String, names: Bool) {
        let result = TestSupport.load(
            """
            services:
              app: {image: app, environment: {TARGET: "\(value)"}}
              db: {image: mysql:8.0}
            """)
        #expect(result.site?.references(to: "db").isEmpty == !names)
    }

    @Test func dependsOnAndCommandsCount() throws {
        let site = try #require(
            TestSupport.load(
                """
                services:
                  proxy: {image: nginx, depends_on: [app]}
                  worker: {image: app, command: ["celery", "--broker=redis://cache:6379/0"]}
                  app: {image: app}
                  cache: {image: redis}
                """
            ).site)
        #expect(site.references(to: "app") == [ServiceReference(from: "proxy", kind: .dependsOn)])
        #expect(site.references(to: "cache") == [ServiceReference(from: "worker", kind: .command)])
        #expect(site.references(to: "proxy").isEmpty)
    }

    /// COPY and ADD sources from the build context, with where they land (relative
    /// destinations against the WORKDIR), through the stages the target builds on.
    @Test func copiesFromTheBuildContextAreCollected() throws {
        let dockerfile = Dockerfile(
            text: """
                FROM node:22 AS base
                WORKDIR /app
                COPY --chown=node:node package.json package-lock.json ./
                COPY --from=deps /node_modules ./node_modules
                FROM base AS app
                WORKDIR web
                ADD https://example.com/x.tgz /tmp/
                COPY ["src dir/", "/srv/src"]
                ADD ./public public
                """)
        #expect(
            try #require(dockerfile.image()).copied == [
                .init(source: "src dir/", destination: "/srv/src"), .init(source: "./public", destination: "/app/web/public"),
                .init(source: "package.json", destination: "/app/"), .init(source: "package-lock.json", destination: "/app/"),
            ])
        #expect(try #require(dockerfile.image(target: "base")).copied.map(\.source) == ["package.json", "package-lock.json"])
    }
}
