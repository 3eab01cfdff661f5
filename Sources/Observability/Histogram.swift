import Synchronization

/// A family of histograms with fixed bucket upper bounds, rendered cumulatively as Prometheus
/// expects (`_bucket{le=...}`, `_sum`, `_count`).
public final class HistogramFamily: MetricFamily {
    /// Seconds, from 5 ms to 60 s: covers loopback requests and slow OT calls alike.
    public static let defaultBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]

    struct Series: Sendable {
        var bucketCounts: [UInt64]
        var sum: Double = 0
        var count: UInt64 = 0
    }

    public let name: String
    public let help: String
    public let buckets: [Double]
    private let table: Mutex<SeriesTable<Series>>

    init(name: String, help: String, labelNames: [String], buckets: [Double], maxSeries: Int = 500) {
        precondition(!buckets.isEmpty && buckets == buckets.sorted(), "buckets must be sorted and non-empty")
        self.name = name
        self.help = help
        self.buckets = buckets
        self.table = Mutex(SeriesTable(labelNames: labelNames, maxSeries: maxSeries))
    }

    public func observe(_ value: Double, _ labels: [String] = []) {
        let bucketCount = self.buckets.count
        let index = self.buckets.firstIndex { value <= $0 }
        self.table.withLock { table in
            let key = table.value(for: labels) { Series(bucketCounts: Array(repeating: 0, count: bucketCount)) }
            if let index {
                table.series[key]!.bucketCounts[index] += 1
            }
            table.series[key]!.sum += value
            table.series[key]!.count += 1
        }
    }

    /// Number of observations of one series.
    public func count(_ labels: [String] = []) -> UInt64 {
        self.table.withLock { $0.series[LabelSet(values: labels)]?.count ?? 0 }
    }

    func render(into output: inout String) {
        let (names, series) = self.table.withLock { ($0.labelNames, $0.series) }
        PrometheusText.header(name: self.name, help: self.help, type: "histogram", into: &output)
        for key in series.keys.sorted(by: { $0.values.lexicographicallyPrecedes($1.values) }) {
            let values = series[key]!
            var cumulative: UInt64 = 0
            for (bound, count) in zip(self.buckets, values.bucketCounts) {
                cumulative += count
                let labels = PrometheusText.labels(names, key.values, extra: ("le", PrometheusText.number(bound)))
                output += "\(self.name)_bucket\(labels) \(cumulative)\n"
            }
            let infLabels = PrometheusText.labels(names, key.values, extra: ("le", "+Inf"))
            output += "\(self.name)_bucket\(infLabels) \(values.count)\n"
            let plain = PrometheusText.labels(names, key.values)
            output += "\(self.name)_sum\(plain) \(PrometheusText.number(values.sum))\n"
            output += "\(self.name)_count\(plain) \(values.count)\n"
        }
    }
}
