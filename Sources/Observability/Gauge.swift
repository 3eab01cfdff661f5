import Synchronization

/// A family of gauges: values that go up and down, such as open connections.
public final class GaugeFamily: MetricFamily {
    public let name: String
    public let help: String
    private let table: Mutex<SeriesTable<Double>>

    init(name: String, help: String, labelNames: [String], maxSeries: Int = 500) {
        self.name = name
        self.help = help
        self.table = Mutex(SeriesTable(labelNames: labelNames, maxSeries: maxSeries))
    }

    public func set(_ value: Double, _ labels: [String] = []) {
        self.table.withLock { table in
            let key = table.value(for: labels) { 0 }
            table.series[key] = value
        }
    }

    public func add(_ delta: Double, _ labels: [String] = []) {
        self.table.withLock { table in
            let key = table.value(for: labels) { 0 }
            table.series[key]! += delta
        }
    }

    public func value(_ labels: [String] = []) -> Double {
        self.table.withLock { $0.series[LabelSet(values: labels)] ?? 0 }
    }

    func render(into output: inout String) {
        let (names, series) = self.table.withLock { ($0.labelNames, $0.series) }
        PrometheusText.header(name: self.name, help: self.help, type: "gauge", into: &output)
        for key in series.keys.sorted(by: { $0.values.lexicographicallyPrecedes($1.values) }) {
            output += "\(self.name)\(PrometheusText.labels(names, key.values)) "
            output += PrometheusText.number(series[key]!) + "\n"
        }
    }
}
