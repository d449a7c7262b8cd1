import DeskTestSupport
import Foundation
import Testing

/// `--out` naming a device (`/dev/null`, `/dev/stdout`) writes into it and leaves it a device. An
/// atomic write renames a fresh regular file over the path instead; run as root — as the load test
/// did with `dsar letter … --out /dev/null` — that replaced the machine's /dev/null with a file.
/// The test makes its own null device, so it needs root (mknod).
@Suite(.enabled(if: TestDatabase.isConfigured && getuid() == 0, "needs DSAR_TEST_DATABASE_URL and root (mknod)"))
struct OutputToDeviceTests {
    @Test func letterAndReportOutStayDevices() throws {
        try TestDatabase.withDatabase(migrated: true) { database in
            let now = ["DSAR_NOW": "2026-11-21T10:00:00+05:00"]
            for (key, value) in [("organisation.name", "Raqamli Xizmatlar MChJ"), ("organisation.address", "Toshkent"),
                                 ("dpo.name", "Kamola Rasulova"), ("dpo.email", "dpo@raqamli.uz")] {
                #expect(try database.runDsar(["settings", "set", key, value], environment: now).status == 0)
            }
            let reference = try database.runDsar(
                ["new", "--kind", "access", "--name", "A B", "--email", "a@example.uz"], environment: now
            ).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(try database.runDsar(["start", reference], environment: now).status == 0)
            #expect(try database.runDsar(["record", reference, "no-data-held"], environment: now).status == 0)
            #expect(try database.runDsar(["close", reference, "--outcome", "fulfilled"], environment: now).status == 0)

            let device = FileManager.default.temporaryDirectory.appendingPathComponent("null-\(UInt32.random(in: 0...UInt32.max))")
            // Linux encodes small device numbers as major << 8 | minor: 1:3 is the null device.
            #expect(mknod(device.path, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0)
            defer { try? FileManager.default.removeItem(at: device) }
            let link = device.path + "-link"
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: device.path)
            defer { try? FileManager.default.removeItem(atPath: link) }

            for out in [device.path, link] {
                let letter = try database.runDsar(["letter", reference, "fulfilled", "--out", out], environment: now)
                #expect(letter.status == 0, "\(letter.stderr)")
                let report = try database.runDsar(["report", "monthly", "2026-11", "--out", out], environment: now)
                #expect(report.status == 0, "\(report.stderr)")
                let type = try FileManager.default.attributesOfItem(atPath: device.path)[.type] as? FileAttributeType
                #expect(type == .typeCharacterSpecial, "--out \(out) replaced the device")
            }
        }
    }
}
