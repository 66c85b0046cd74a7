import ComposeModel
import DeployEngine
import StackTemplates
import Testing

/// Stock database images `chown` their data directory at start and fail under a forced POSIX
/// user, so an access point forces one only when the volume's driver_opts name it; otherwise
/// the root directory is owned by the service's numeric `user:`, else root (issue 11, item 7).
struct AccessPointOwnerTests {
    static func accessPoints() throws -> [String: AccessPointSpec] {
        let compose = """
            name: shop
            services:
              db:
                image: postgres:16
                volumes: [content:/var/lib/postgresql/data]
              cms:
                image: ghost:5
                user: "1000:1001"
                volumes: [content:/var/lib/ghost/content]
              site:
                image: node:22
                user: node
                volumes: [content:/srv]
              pinned:
                image: x
                volumes: [pinned:/data]
            volumes:
              content: {}
              pinned:
                driver_opts: {uid: "33", gid: "33"}
            """
        var target = ServicesReconcilerTests.target
        target.fileSystems["pinned"] = "fs-2"
        let builder = DesiredStateBuilder(
            site: try ServicesReconcilerTests.site(compose), target: target, names: Names(project: "shop", environment: "dev"),
            content: ContentReader(processEnvironment: [:]))
        return Dictionary(uniqueKeysWithValues: try builder.accessPoints().map { ($0.service, $0) })
    }

    @Test func onlyDriverOptsForceAUser() throws {
        let points = try Self.accessPoints()
        let db = try #require(points["db"])
        #expect(!db.enforcesUser && db.uid == 0 && db.gid == 0)
        let cms = try #require(points["cms"])
        #expect(!cms.enforcesUser && cms.uid == 1000 && cms.gid == 1001)
        let site = try #require(points["site"])
        #expect(!site.enforcesUser && site.uid == 0)
        let pinned = try #require(points["pinned"])
        #expect(pinned.enforcesUser && pinned.uid == 33 && pinned.gid == 33)
        // Forcing or not is part of the access point's identity: changing it makes a new one.
        #expect(Set(points.values.map(\.clientToken)).count == 4)
    }
}

extension AccessPointOwnerTests {
    /// On AWS the file systems' own policy (deny without TLS) ends EFS's default full access, so
    /// under IAM authorization a root client is squashed unless its role may ClientRootAccess:
    /// granted only through the access points that force no user.
    @Test func rootMayActOnlyThroughAccessPointsThatForceNoUser() throws {
        let compose = """
            name: shop
            services:
              db:
                image: postgres:16
                volumes: [content:/var/lib/postgresql/data, pinned:/pinned]
            volumes:
              content: {}
              pinned:
                driver_opts: {uid: "33"}
            """
        var target = ServicesReconcilerTests.target
        target.fileSystems["pinned"] = "fs-2"
        let site = try ServicesReconcilerTests.site(compose)
        let builder = DesiredStateBuilder(
            site: site, target: target, names: Names(project: "shop", environment: "dev"), content: ContentReader(processEnvironment: [:]))
        let arn = "arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/"
        let db = try #require(site.task(named: "db"))
        let policy = try builder.accessPointPolicy(db, accessPointArns: ["db/content": arn + "fsap-open", "db/pinned": arn + "fsap-pinned"])
        let text = try #require(policy)
        #expect(text.contains(#""Sid":"MountOwnAccessPoints""#))
        #expect(
            text.contains(
                #"{"Action":["elasticfilesystem:ClientRootAccess"],"Condition":{"StringEquals":{"elasticfilesystem:AccessPointArn":["#
                    + #""arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-open"]}}"#))
        // The pinned access point stands once: in the mount statement, not the root one.
        #expect(text.ranges(of: "fsap-pinned").count == 1)
    }
}
