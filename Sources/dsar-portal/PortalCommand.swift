import ArgumentParser
import DeskPortal
import DeskProgram
import DeskStore
import Foundation
import Hummingbird
import Logging
import MailTransport
import Postgres

/// `dsar-portal`: the requester's portal, a separate program so that `dsar` never loads
/// Hummingbird (SPEC §7).
@main
struct PortalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dsar-portal",
        abstract: "Serve the requesters' privacy portal: request form, status page, letter verification.",
        discussion: """
            The portal logs in as a user of the database role dsar_portal (--database-url, else \
            DSAR_PORTAL_DATABASE_URL, DSAR_DATABASE_URL, PG* variables, or the local database), which \
            may only insert pending submissions and call the portal's functions; `dsar portal promote`, \
            run by the desk, registers what it collected. It reads the desk's settings organisation.name, dpo.email (the sender of \
            codes), portal.public_url (https: cookies are marked Secure) and mail.smtp_url (where the \
            one-time codes are sent; mail.ca_file). The SMTP password comes from DSAR_SMTP_PASSWORD, \
            --smtp-password-file or ~/.netrc, never from the database or the command line. Put nginx with TLS in front (README, "Portal").

            Example:
              DSAR_PORTAL_DATABASE_URL=postgresql://dsar_web@localhost/dsar DSAR_SMTP_PASSWORD=… \
                dsar-portal --listen 127.0.0.1:8080 --trust-proxy
            """)

    @Option(help: "Where to listen, HOST:PORT (loopback behind a proxy).")
    var listen = "127.0.0.1:8080"

    @Option(name: .customLong("database-url"), help: "PostgreSQL URL of a dsar_portal login (else DSAR_PORTAL_DATABASE_URL, DSAR_DATABASE_URL, PG* variables, or the local database).")
    var databaseURL: String?

    @Flag(help: "Take the client's address for rate limits from nginx's X-Real-IP header.")
    var trustProxy = false

    @Option(help: "A file holding the SMTP password (else DSAR_SMTP_PASSWORD).")
    var smtpPasswordFile: String?

    @Option(help: "A PEM file of CA certificates the SMTP server's certificate is checked against (else mail.ca_file, else the system's).")
    var smtpCaFile: String?

    @Option(help: "Database connections to keep (1-32).")
    var connections = 8

    func run() async throws {
        var logger = Logger(label: "dsar.portal")
        logger.logLevel = .info
        do {
            let (host, port) = try PortalConfiguration.listenAddress(listen)
            guard (1...32).contains(connections) else { throw DeskFailure(message: "--connections takes 1 to 32.", exitCode: DeskFailure.badInput) }
            let target = DatabaseTarget.resolve(
                explicitURL: databaseURL ?? ProcessInfo.processInfo.environment["DSAR_PORTAL_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 })
            let settings: [String: String]
            do {
                let db = try target.connect()
                settings = try PortalStore(db).settings()
                if try db.query("SELECT has_table_privilege('requests', 'SELECT')").first?.decode(column: 0) == true {
                    logger.warning("dsar-portal connects as a user that may read the desk's requests; give it a login in the role dsar_portal instead (README, \"Portal\")")
                }
            } catch let error as PostgresError where error.sqlState == .insufficientPrivilege || error.sqlState == "42P01" {
                throw DeskFailure(
                    message: "The portal's database user cannot read portal_settings; run `dsar db migrate --grant` and make the user a member of dsar_portal.",
                    exitCode: DeskFailure.unexpected)
            }
            let pool = ConnectionPool(target: target, size: connections)
            let mailer = try SMTPCodeMailer(
                url: try required(settings["mail.smtp_url"], "mail.smtp_url"),
                options: MailConnectionOptions(password: try password(), caFile: smtpCaFile ?? settings["mail.ca_file"]),
                heloDomain: settings["mail.domain"] ?? settings["dpo.email"].flatMap { $0.split(separator: "@").last.map(String.init) },
                logger: logger)
            let server = try PortalServer(
                configuration: PortalConfiguration(host: host, port: port, publicURL: settings["portal.public_url"], trustProxy: trustProxy),
                pool: pool, templatesDirectory: try ResourceLocator.templatesDirectory(), mailer: mailer, logger: logger,
                clock: try DeskClock.clock())
            let housekeeping = Task { await server.housekeeping() }
            defer { housekeeping.cancel() }
            try await server.application().runService()
        } catch {
            let failure = (error as? PortalError).map(DeskFailure.init(portal:)) ?? DeskFailure(error, database: .portal)
            failure.print(program: "dsar-portal")
            throw ExitCode(failure.exitCode)
        }
    }

    func required(_ value: String?, _ key: String) throws -> String {
        guard let value, !value.isEmpty else {
            throw DeskFailure(
                message: "The portal sends codes by e-mail: set \(key) first (`dsar settings set \(key) smtp://user@mail.example.uz:587`).",
                exitCode: DeskFailure.unexpected)
        }
        return value
    }

    func password() throws -> String? {
        if let smtpPasswordFile {
            guard let text = try? String(contentsOfFile: smtpPasswordFile, encoding: .utf8) else {
                throw DeskFailure(message: "The SMTP password file \(smtpPasswordFile) cannot be read.", exitCode: DeskFailure.badInput)
            }
            return text.trimmingCharacters(in: .newlines)
        }
        return ProcessInfo.processInfo.environment["DSAR_SMTP_PASSWORD"]
    }
}
