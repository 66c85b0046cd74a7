import DeployEngine
import Testing

@testable import BerthCLI

/// `status` sums a service's alarms up in one line, firing ones first.
struct StatusAlarmSummaryTests {
    @Test func firingAlarmsComeFirstThenMissingDataThenOK() {
        let alarms = [
            AlarmState(name: "a", state: "OK", reason: nil), AlarmState(name: "b", state: "ALARM", reason: "Threshold Crossed"),
            AlarmState(name: "c", state: "INSUFFICIENT_DATA", reason: nil), AlarmState(name: "d", state: "OK", reason: nil),
        ]
        #expect(Berth.Status.alarmSummary(alarms) == "alarms: 1 ALARM, 1 INSUFFICIENT_DATA, 2 OK")
        #expect(Berth.Status.alarmSummary([]) == nil)
    }
}
