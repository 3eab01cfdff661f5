import Synchronization

/// Holds every metric family of the process and renders them in Prometheus text format.
///
/// Families are created once, at start-up, by the component that owns them; asking again for
/// a name returns the existing family. Each family caps its distinct label sets (by default
/// 500) so that a bug that puts an id into a label cannot grow memory without bound: label
/// sets past the cap are folded into one series whose values are all `_overflow`.
public final class MetricsRegistry: Sendable {
    private let families = Mutex<[String: any MetricFamily]>([:])

    public init() {}

    public func counter(_ name: String, help: String, labelNames: [String] = []) -> CounterFamily {
        self.family(name) { CounterFamily(name: name, help: help, labelNames: labelNames) }
    }

    public func gauge(_ name: String, help: String, labelNames: [String] = []) -> GaugeFamily {
        self.family(name) { GaugeFamily(name: name, help: help, labelNames: labelNames) }
    }

    public func histogram(
        _ name: String,
        help: String,
        labelNames: [String] = [],
        buckets: [Double] = HistogramFamily.defaultBuckets
    ) -> HistogramFamily {
        self.family(name) { HistogramFamily(name: name, help: help, labelNames: labelNames, buckets: buckets) }
    }

    /// Renders every family, sorted by name, in the Prometheus text exposition format 0.0.4.
    public func render() -> String {
        let snapshot = self.families.withLock { $0 }
        var output = ""
        for name in snapshot.keys.sorted() {
            snapshot[name]!.render(into: &output)
        }
        return output
    }

    private func family<F: MetricFamily>(_ name: String, make: () -> F) -> F {
        self.families.withLock { families in
            if let existing = families[name] {
                guard let typed = existing as? F else {
                    preconditionFailure("metric \(name) was registered twice with different types")
                }
                return typed
            }
            let created = make()
            families[name] = created
            return created
        }
    }
}

protocol MetricFamily: Sendable {
    func render(into output: inout String)
}

/// Label values of one series, in the order of the family's label names.
struct LabelSet: Hashable, Sendable {
    var values: [String]
}

/// Shared bookkeeping of a family: label validation and the cap on series.
struct SeriesTable<Value: Sendable>: Sendable {
    let labelNames: [String]
    let maxSeries: Int
    var series: [LabelSet: Value] = [:]

    init(labelNames: [String], maxSeries: Int) {
        self.labelNames = labelNames
        self.maxSeries = maxSeries
    }

    mutating func value(for labels: [String], make: () -> Value) -> LabelSet {
        precondition(
            labels.count == self.labelNames.count,
            "expected \(self.labelNames.count) label values, got \(labels.count)"
        )
        var key = LabelSet(values: labels)
        if self.series[key] == nil {
            if self.series.count >= self.maxSeries {
                key = LabelSet(values: Array(repeating: "_overflow", count: labels.count))
            }
            if self.series[key] == nil {
                self.series[key] = make()
            }
        }
        return key
    }
}

enum PrometheusText {
    static func header(name: String, help: String, type: String, into output: inout String) {
        output += "# HELP \(name) \(self.escapeHelp(help))\n"
        output += "# TYPE \(name) \(type)\n"
    }

    static func labels(_ names: [String], _ values: [String], extra: (String, String)? = nil) -> String {
        var pairs = zip(names, values).map { "\($0)=\"\(self.escapeLabel($1))\"" }
        if let (name, value) = extra {
            pairs.append("\(name)=\"\(self.escapeLabel(value))\"")
        }
        return pairs.isEmpty ? "" : "{" + pairs.joined(separator: ",") + "}"
    }

    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value == .infinity { return "+Inf" }
        if value == -.infinity { return "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return String(value)
    }

    static func escapeLabel(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    static func escapeHelp(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }
}
