import ComposeModel
import DeployEngine
import StackTemplates

/// A site that sets every task definition and service field the engine writes: a grouped task,
/// EFS and scratch volumes, an external file system, configs and secrets (one external, one
/// with JSON keys), health checks, limits, ports of both transports, autoscaling and update
/// settings. Both of the engine's outputs for it are pinned, so a change to how the desired
/// state is built or rendered shows up field by field.
enum RichSite {
    static let compose = #"""
        name: rich
        services:
          web:
            image: nginx:1.27
            ports: ["80:80", "5353:53/udp"]
            expose: ["9000"]
            command: ["nginx", "-g", "daemon off;"]
            entrypoint: ["/docker-entrypoint.sh"]
            user: "101:101"
            working_dir: /srv
            read_only: true
            init: true
            stop_grace_period: 200s
            ulimits:
              nofile: { soft: 1024, hard: 2048 }
            platform: linux/arm64
            environment:
              ZED: "last"
              ALPHA: "costs $$5 and $${HOME}"
              UNSET:
            healthcheck:
              test: curl -f http://localhost/ || exit 1
              interval: 400s
              timeout: 1s
              retries: 20
              start_period: 5s
            tmpfs: /tmp
            volumes:
              - data:/data
              - shared:/shared:ro
            configs:
              - source: site
                target: /etc/nginx/conf.d/site.conf
            secrets: [db, keys, legacy]
            x-aws-pull_credentials: arn:aws:secretsmanager:us-east-1:123456789012:secret:creds
            deploy:
              update_config: { x-aws-min_percent: 50, x-aws-max_percent: 150 }
              x-aws-autoscaling: { min: 1, max: 3, cpu: 50, memory: 70 }
          api:
            image: rich/api:1.0
            expose: ["8080"]
            volumes: [data:/srv/data]
            healthcheck: { test: ["CMD", "true"], disable: false }
            x-berth: { task: backend, cpus: 0.5, memory: 1G, replicas: 2 }
          migrate:
            image: rich/api:1.0
            command: ["migrate"]
            x-berth: { task: backend }
          worker:
            build: ./worker
            image: rich/worker:2.0
            depends_on:
              api: { condition: service_started }
        volumes:
          data:
            driver_opts: { uid: "1000", gid: "1000", permissions: "0750", root_directory: /rich-data }
          shared:
            external: true
            name: fs-0123456789abcdef0
        configs:
          site:
            content: "server { listen 80; }"
        secrets:
          db:
            environment: DB_PASSWORD
          keys:
            environment: API_KEYS
            x-aws-keys: [public, private]
          legacy:
            external: true
            name: old/$${weird}/secret
        """#

    static func site() throws -> Site {
        let options = ComposeLoadOptions(
            files: [], workingDirectory: "/p", projectName: nil, envFiles: [], processEnvironment: [:], profiles: [],
            fileSystem: InMemoryFileSystem(files: ["/p/compose.yaml": compose], directories: ["/p/worker"]))
        let result = ComposeLoader.load(options)
        guard let site = result.site, !result.hasErrors else { throw DeployError(result.diagnostics.map(\.description).joined(separator: "\n")) }
        return try site.resolved(environmentName: nil)
    }

    /// Real ids, as the API mode reads them from the infrastructure stack.
    static let target = SiteTarget(
        stackName: "rich-dev", region: "eu-west-1", accountId: "123456789012", cluster: "rich-dev", subnets: ["subnet-a", "subnet-b"],
        servicesSecurityGroup: "sg-1", logGroup: "/berth/rich/dev", executionRoleArn: "arn:aws:iam::123456789012:role/exec",
        namespace: "rich-dev.berth.internal", fileSystems: ["data": "fs-1", "shared": "fs-0123456789abcdef0"],
        taskRoles: [
            "web": "arn:aws:iam::123456789012:role/web", "backend": "arn:aws:iam::123456789012:role/backend",
            "worker": "arn:aws:iam::123456789012:role/worker",
        ],
        targetGroups: ["web:80": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/1"])

    static let environment = ["DB_PASSWORD": "s3cret", "API_KEYS": "{}"]
}
