import AWSRuntime
import Foundation

/// `berth profile --format svg`: per task, CPU and memory use over the period as a share of
/// its size (the top line is 100 %: all of it), with the percentiles in the caption. Plain SVG,
/// no script, so it opens in any browser and renders in a pull request.
package enum ProfileChart {
    static let width = 720.0
    static let plotHeight = 120.0
    static let panelHeight = 180.0
    static let left = 48.0

    package static func svg(_ profile: SiteProfile) -> String {
        let height = Double(max(profile.tasks.count, 1)) * panelHeight + 20
        var out = [
            ##"<svg xmlns="http://www.w3.org/2000/svg" width="\##(Int(width))" height="\##(Int(height))" font-family="sans-serif" font-size="12">"##,
            ##"<rect width="100%" height="100%" fill="white"/>"##,
        ]
        let span = max(profile.end.timeIntervalSince(profile.start), 1)
        for (index, task) in profile.tasks.enumerated() {
            let top = Double(index) * panelHeight + 20
            let bottom = top + 20 + plotHeight
            func x(_ time: Date) -> Double { left + (time.timeIntervalSince(profile.start) / span) * (width - left - 12) }
            func y(_ percent: Double) -> Double { bottom - min(percent, 120) / 100 * plotHeight }
            out.append(##"<text x="\##(left)" y="\##(top + 10)" font-weight="bold">\##(XMLTree.escapedText(caption(task)))</text>"##)
            for percent in [0.0, 50, 100] {
                let dash = percent == 100 ? ##" stroke-dasharray="4 3""## : ""
                out.append(
                    ##"<line x1="\##(left)" x2="\##(width - 12)" y1="\##(y(percent))" y2="\##(y(percent))" stroke="#bbb"\##(dash)/>"##
                        + ##"<text x="\##(left - 6)" y="\##(y(percent) + 4)" text-anchor="end" fill="#666">\##(Int(percent))%</text>"##)
            }
            for (series, color) in [
                (task.series.compactMap { point in point.cpu.map { (point.time, $0) } }, "#1f77b4"),
                (task.series.compactMap { point in point.memory.map { (point.time, $0) } }, "#ff7f0e"),
            ] where !series.isEmpty {
                let points = series.map { String(format: "%.1f,%.1f", x($0.0), y($0.1)) }.joined(separator: " ")
                out.append(##"<polyline fill="none" stroke="\##(color)" stroke-width="1.5" points="\##(points)"/>"##)
            }
            if task.series.isEmpty {
                out.append(##"<text x="\##(left + 8)" y="\##(y(50))" fill="#666">no data in this period</text>"##)
            }
            out.append(
                ##"<text x="\##(width - 12)" y="\##(bottom + 16)" text-anchor="end"><tspan fill="#1f77b4">CPU</tspan> <tspan fill="#ff7f0e">memory</tspan>, % of \##(XMLTree.escapedText(task.size))</text>"##
            )
        }
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    static func caption(_ task: SiteProfile.TaskProfile) -> String {
        var text = "\(task.name) (\(task.size))"
        if let cpu = task.cpu, let memory = task.memory {
            text += String(format: ": CPU p95 %.0f%%, memory max %.0f%%", cpu.p95, memory.max)
            if let recommended = task.recommended, recommended != task.size { text += " → \(recommended)" }
        }
        return text
    }

}
