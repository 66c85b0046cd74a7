import Foundation

extension SiteDiagram {
    /// The diagram as a standalone SVG, laid out by Berth itself: one column per `Node.column`,
    /// nodes stacked in each, straight arrows with their labels, the log group and bucket in a
    /// row beneath. Deterministic, so it can live in a repository and be reviewed as text.
    package var svg: String {
        let (width, height, gapX, gapY, margin) = (220.0, 56.0, 150.0, 34.0, 30.0)
        let columns = nodes.filter { $0.column >= 0 }.map(\.column)
        let columnCount = (columns.max() ?? 0) + 1
        var position: [String: (x: Double, y: Double)] = [:]
        var tallest = 0
        for column in 0..<columnCount {
            let stacked = nodes.filter { $0.column == column }
            tallest = max(tallest, stacked.count)
            for (row, node) in stacked.enumerated() {
                position[node.id] = (margin + Double(column) * (width + gapX), margin + 30 + Double(row) * (height + gapY))
            }
        }
        let bottom = margin + 30 + Double(max(tallest, 1)) * (height + gapY) + 10
        for (index, node) in nodes.filter({ $0.column < 0 }).enumerated() {
            position[node.id] = (margin + Double(index) * (width + gapX), bottom)
        }
        let totalWidth = margin * 2 + Double(max(columnCount, 2)) * (width + gapX) - gapX
        let totalHeight = bottom + height + margin
        var out = [
            ##"<svg xmlns="http://www.w3.org/2000/svg" width="\##(Self.number(totalWidth))" height="\##(Self.number(totalHeight))" viewBox="0 0 \##(Self.number(totalWidth)) \##(Self.number(totalHeight))" font-family="Helvetica, Arial, sans-serif">"##,
            ##"  <defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>"##,
            ##"  <rect width="100%" height="100%" fill="#ffffff"/>"##,
            ##"  <text x="\##(Self.number(margin))" y="\##(Self.number(margin + 8))" font-size="16" font-weight="bold" fill="#222">\##(Self.escaped(title))</text>"##,
        ]
        for edge in edges {
            guard let from = position[edge.from], let to = position[edge.to] else { continue }
            // From the right side of one box to the left side of the other (or below, for a same-column pair).
            let sameColumn = abs(from.x - to.x) < 1
            let start = sameColumn ? (from.x + width / 2, from.y + height) : (from.x + width, from.y + height / 2)
            let end = sameColumn ? (to.x + width / 2, to.y) : (to.x, to.y + height / 2)
            out.append(
                ##"  <line x1="\##(Self.number(start.0))" y1="\##(Self.number(start.1))" x2="\##(Self.number(end.0))" y2="\##(Self.number(end.1))" stroke="#555" stroke-width="1.4" marker-end="url(#arrow)"/>"##
            )
            let middle = ((start.0 + end.0) / 2, (start.1 + end.1) / 2 - 5)
            out.append(
                ##"  <text x="\##(Self.number(middle.0))" y="\##(Self.number(middle.1))" font-size="11" fill="#333" text-anchor="middle">\##(Self.escaped(Self.clipped(edge.label, to: 24)))</text>"##
            )
        }
        for node in nodes {
            guard let at = position[node.id] else { continue }
            let (fill, stroke) = Self.colours(node.kind)
            let corner = node.kind == .service ? 6 : 18
            out.append(
                ##"  <rect x="\##(Self.number(at.x))" y="\##(Self.number(at.y))" width="\##(Self.number(width))" height="\##(Self.number(height))" rx="\##(corner)" fill="\##(fill)" stroke="\##(stroke)" stroke-width="1.5"/>"##
            )
            out.append(
                ##"  <text x="\##(Self.number(at.x + width / 2))" y="\##(Self.number(at.y + 23))" font-size="14" font-weight="bold" fill="#111" text-anchor="middle">\##(Self.escaped(node.title))</text>"##
            )
            out.append(
                ##"  <text x="\##(Self.number(at.x + width / 2))" y="\##(Self.number(at.y + 42))" font-size="11" fill="#444" text-anchor="middle">\##(Self.escaped(Self.clipped(node.detail, to: 34)))</text>"##
            )
        }
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    static func colours(_ kind: Kind) -> (fill: String, stroke: String) {
        switch kind {
        case .loadBalancer: ("#e8f1fb", "#3b78c4")
        case .service: ("#fdf3e6", "#d4862a")
        case .volume: ("#eaf6ec", "#3f9b52")
        case .logGroup: ("#f3f0fa", "#7a5fc0")
        case .bucket: ("#eaf6ec", "#3f9b52")
        }
    }

    /// What fits in `limit` characters at 11 px (a box's second line: 34; an arrow's label: 24).
    static func clipped(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// Whole numbers without a decimal point, others with one decimal: stable text.
    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
