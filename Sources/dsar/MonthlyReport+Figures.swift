import DeskCore
import DeskStore
import Foundation
import Reports

/// The command line wires the two targets: `DeskStore` reads the figures as plain values, and
/// `Reports` lays them out. Keeping the mapping here lets neither target know the other.
extension MonthlyReport {
    init(_ figures: MonthlyFigures, generatedAt: Date) {
        let month = ReportMonth(year: figures.month.year, month: figures.month.month)?.description ?? figures.month.iso
        self.init(
            month: month,
            timeZone: figures.timeZone,
            policy: figures.policy,
            generatedAt: generatedAt,
            received: Received(
                byRight: figures.receivedByRight, byChannel: figures.receivedByChannel,
                byLanguage: figures.receivedByLanguage, byPolicy: figures.receivedByPolicy),
            closed: Closed(
                byOutcome: figures.closedByOutcome,
                byRight: figures.onTimeByRight.mapValues(\.closed)),
            onTime: OnTime(
                byRight: figures.onTimeByRight.map { RightOnTime(right: $0.key, closed: $0.value.closed, onTime: $0.value.onTime) },
                late: figures.late.map {
                    LateClosure(reference: $0.reference, right: $0.right, due: $0.due.iso, closedOn: $0.closedOn.iso, daysLate: $0.daysLate)
                }),
            timeToClose: TimeToClose(
                overall: DaysStatistics(figures.timeToClose),
                byRight: figures.timeToCloseByRight.mapValues(DaysStatistics.init)),
            extensions: figures.extensions.map {
                ExtensionGranted(reference: $0.reference, right: $0.right, by: $0.period, reason: $0.reason)
            },
            clockPauses: ClockPauses(count: figures.pausesEnded, totalDays: figures.pausedDays),
            refusalsByGround: MonthlyReport.refusals(byGround: figures.refusalsByGround),
            identityVerificationFailures: figures.identityFailures,
            erasures: figures.erasures.map { ErasureEntry(reference: $0.reference, system: $0.system, categories: $0.categories) },
            recipientNotifications: RecipientNotifications(items: figures.recipientNotifications.map {
                RecipientNotification(reference: $0.reference, recipient: $0.recipient, sentOn: $0.on.iso)
            }),
            backlog: Backlog(
                daysOpen: figures.openByDaysSinceReceipt,
                overdue: figures.overdue.map {
                    OverdueRequest(reference: $0.reference, right: $0.right, due: $0.due.iso, daysOverdue: $0.daysOverdue, assignee: $0.assignee)
                }),
            trend: figures.trend.map {
                TrendPoint(
                    month: ReportMonth(year: $0.month.year, month: $0.month.month)?.description ?? $0.month.iso,
                    received: $0.received, closed: $0.closed, onTime: $0.onTime)
            }
        )
    }
}

extension MonthlyReport.DaysStatistics {
    init(_ statistics: MonthlyFigures.DayStatistics) {
        self.init(count: statistics.count, median: statistics.median, p90: statistics.p90)
    }
}

extension RegisterRow {
    init(_ entry: RegisterEntry) {
        self.init(
            reference: entry.reference, right: entry.right, policy: entry.policy, channel: entry.channel,
            received: entry.received.iso, due: entry.due.iso, extendedDue: entry.extendedDue?.iso,
            closed: entry.closed?.iso, outcome: entry.outcome, ground: entry.ground, onTime: entry.onTime,
            assignee: entry.assignee, requesterName: entry.requesterName, requesterEmail: entry.requesterEmail)
    }
}
