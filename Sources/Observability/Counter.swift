import Synchronization

/// A family of monotonically increasing counters that share a name and label names.
public final class CounterFamily: MetricFamily {
    public let name: String
    public let help: String
    private let table: Mutex<SeriesTable<Double>>

    init(name: String, help: String, labelNames: [String], maxSeries: Int = 500) {
        self.name = name
        self.help = help
        self.table = Mutex(SeriesTable(labelNames: labelNames, maxSeries: maxSeries))
    }

    /// Adds `amount` (which must not be negative) to the series with these label values.
    public func increment(_ labels: [String] = [], by amount: Double = 1) {
        precondition(amount >= 0, "a counter cannot decrease")
        self.table.withLock { table in
            let key = table.value(for: labels) { 0 }
            table.series[key]! += amount
        }
    }

    /// The current value of one series; 0 when it was never incremented.
    public func value(_ labels: [String] = []) -> Double {
        self.table.withLock { $0.series[LabelSet(values: labels)] ?? 0 }
    }

    func render(into output: inout String) {
        let (names, series) = self.table.withLock { ($0.labelNames, $0.series) }
        PrometheusText.header(name: self.name, help: self.help, type: "counter", into: &output)
        for key in series.keys.sorted(by: { $0.values.lexicographicallyPrecedes($1.values) }) {
            output += "\(self.name)\(PrometheusText.labels(names, key.values)) "
            output += PrometheusText.number(series[key]!) + "\n"
        }
    }
}
