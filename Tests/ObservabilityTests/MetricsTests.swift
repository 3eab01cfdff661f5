import Observability
import Testing

@Suite struct MetricsTests {
    @Test func counterRendersPrometheusText() {
        let registry = MetricsRegistry()
        let requests = registry.counter("requests_total", help: "Requests.", labelNames: ["method", "status"])
        requests.increment(["GET", "200"])
        requests.increment(["GET", "200"], by: 2)
        requests.increment(["POST", "201"])
        let text = registry.render()
        #expect(text.contains("# HELP requests_total Requests.\n# TYPE requests_total counter\n"))
        #expect(text.contains("requests_total{method=\"GET\",status=\"200\"} 3\n"))
        #expect(text.contains("requests_total{method=\"POST\",status=\"201\"} 1\n"))
    }

    @Test func histogramBucketsAreCumulative() {
        let registry = MetricsRegistry()
        let durations = registry.histogram("duration_seconds", help: "Durations.", buckets: [0.1, 1])
        durations.observe(0.05)
        durations.observe(0.5)
        durations.observe(5)
        let text = registry.render()
        #expect(text.contains("duration_seconds_bucket{le=\"0.1\"} 1\n"))
        #expect(text.contains("duration_seconds_bucket{le=\"1\"} 2\n"))
        #expect(text.contains("duration_seconds_bucket{le=\"+Inf\"} 3\n"))
        #expect(text.contains("duration_seconds_count 3\n"))
        #expect(text.contains("duration_seconds_sum 5.55\n"))
    }

    @Test func gaugeGoesUpAndDown() {
        let registry = MetricsRegistry()
        let open = registry.gauge("open_connections", help: "Open connections.")
        open.add(3)
        open.add(-1)
        #expect(open.value() == 2)
        #expect(registry.render().contains("open_connections 2\n"))
    }

    @Test func sameNameReturnsSameFamily() {
        let registry = MetricsRegistry()
        registry.counter("c_total", help: "C.").increment()
        registry.counter("c_total", help: "C.").increment()
        #expect(registry.counter("c_total", help: "C.").value() == 2)
    }

    @Test func labelValuesAreEscaped() {
        let registry = MetricsRegistry()
        registry.counter("e_total", help: "E.", labelNames: ["route"]).increment(["a\"b\\c\nd"])
        #expect(registry.render().contains("e_total{route=\"a\\\"b\\\\c\\nd\"} 1\n"))
    }

    @Test func seriesPastTheCapFoldIntoOverflow() {
        let registry = MetricsRegistry()
        let family = registry.counter("capped_total", help: "Capped.", labelNames: ["id"])
        for index in 0..<600 {
            family.increment([String(index)])
        }
        #expect(family.value(["_overflow"]) == 100)
        #expect(family.value(["0"]) == 1)
    }

    @Test func requestIDsAreUniqueAndAcceptedOnlyWhenSane() {
        let generator = RequestIDGenerator()
        let first = generator.next()
        let second = generator.next()
        #expect(first != second)
        #expect(first.count == 24)
        #expect(RequestIDGenerator.isAcceptable(first))
        #expect(RequestIDGenerator.isAcceptable("shop-123:abc.def_1"))
        #expect(!RequestIDGenerator.isAcceptable(""))
        #expect(!RequestIDGenerator.isAcceptable("has space"))
        #expect(!RequestIDGenerator.isAcceptable("line\nbreak"))
        #expect(!RequestIDGenerator.isAcceptable(String(repeating: "a", count: 129)))
    }
}
