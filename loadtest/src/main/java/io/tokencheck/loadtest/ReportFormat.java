package io.tokencheck.loadtest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Turns run results into the text summary and the JSON report's tree. */
final class ReportFormat {
    private ReportFormat() {
    }

    /** A few lines describing one run. */
    static String text(RunResult r) {
        StringBuilder sb = new StringBuilder();
        LatencySummary l = r.latency();
        sb.append(String.format(Locale.ROOT, "%-9s %s: requested %.0f/s, achieved %.1f/s over %.1f s; planned %d, sent %d, dropped %d, timeouts %d, errors %d%n",
                r.label(), r.path(), r.requestedRate(), r.achievedRate(), r.seconds(), r.planned(), r.sent(), r.dropped(),
                r.timeouts(), r.errors()));
        sb.append(String.format(Locale.ROOT, "          latency ms: p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f  (mean %.3f)%n",
                l.p50(), l.p90(), l.p99(), l.p999(), l.max(), l.mean()));
        String statuses = r.statusCounts().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        sb.append(String.format(Locale.ROOT, "          statuses: %s; UNEXPECTED %d%n", statuses.isEmpty() ? "none" : statuses,
                r.unexpected()));
        String kinds = r.kinds().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().sent() + (e.getValue().unexpected() > 0
                        ? " (" + e.getValue().unexpected() + " not " + e.getValue().expectedStatus() + "!)" : ""))
                .collect(Collectors.joining(", "));
        sb.append("          kinds: ").append(kinds).append('\n');
        sb.append(String.format(Locale.ROOT, "          in flight max %d, connections opened %d, process CPU %.1f s (%.2f cores)%s%n",
                r.maxInFlightSeen(), r.connectionsOpened(), r.processCpuSeconds(),
                r.seconds() > 0 ? r.processCpuSeconds() / r.seconds() : 0,
                r.reusedUnique() > 0 ? "; unique tokens reused " + r.reusedUnique() + " (token file too small)" : ""));
        sb.append(String.format(Locale.ROOT, "          generator send lag p99 %.3f ms, max %.3f ms; generator GC %d ms%n",
                r.generatorLag().p99Millis(), r.generatorLag().maxMillis(), r.generatorLag().gcMillis()));
        if (r.serverCpuSeconds() >= 0) {
            sb.append(String.format(Locale.ROOT, "          service CPU %.2f s (%.2f cores), %.1f us per request%n", r.serverCpuSeconds(),
                    r.seconds() > 0 ? r.serverCpuSeconds() / r.seconds() : 0, r.serverCpuMicrosPerRequest()));
        }
        return sb.toString();
    }

    /** The cost of the check: its latencies over the empty endpoint's, at the same rate in the same process. */
    static String comparisonText(RunResult check, RunResult baseline) {
        Map<String, Object> m = comparison(check, baseline);
        String cpu = m.containsKey("service_cpu_per_request_ratio")
                ? String.format(Locale.ROOT, "; service CPU per request x%.2f", m.get("service_cpu_per_request_ratio")) : "";
        return String.format(Locale.ROOT, "cost of the check (%s / %s at %.0f/s): p50 x%.2f, p90 x%.2f, p99 x%.2f, p99.9 x%.2f; +%.3f ms at p50, +%.3f ms at p99%s%n",
                check.path(), baseline.path(), check.requestedRate(), m.get("p50_ratio"), m.get("p90_ratio"),
                m.get("p99_ratio"), m.get("p999_ratio"), m.get("p50_added_ms"), m.get("p99_added_ms"), cpu);
    }

    static Map<String, Object> comparison(RunResult check, RunResult baseline) {
        LatencySummary c = check.latency();
        LatencySummary b = baseline.latency();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("p50_ratio", ratio(c.p50(), b.p50()));
        m.put("p90_ratio", ratio(c.p90(), b.p90()));
        m.put("p99_ratio", ratio(c.p99(), b.p99()));
        m.put("p999_ratio", ratio(c.p999(), b.p999()));
        m.put("p50_added_ms", c.p50() - b.p50());
        m.put("p99_added_ms", c.p99() - b.p99());
        m.put("achieved_rate_ratio", ratio(check.achievedRate(), baseline.achievedRate()));
        if (check.serverCpuSeconds() >= 0 && baseline.serverCpuSeconds() >= 0) {
            m.put("service_cpu_per_request_ratio", ratio(check.serverCpuMicrosPerRequest(), baseline.serverCpuMicrosPerRequest()));
        }
        return m;
    }

    private static double ratio(double a, double b) {
        return b > 0 ? a / b : Double.NaN;
    }

    /** One run as a JSON tree. */
    static Map<String, Object> json(RunResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", r.label());
        m.put("path", r.path());
        m.put("requested_rate", r.requestedRate());
        m.put("achieved_rate", r.achievedRate());
        m.put("seconds", r.seconds());
        m.put("planned", r.planned());
        m.put("sent", r.sent());
        m.put("dropped", r.dropped());
        m.put("completed", r.completed());
        m.put("timeouts", r.timeouts());
        m.put("errors", r.errors());
        m.put("unexpected", r.unexpected());
        m.put("failure_rate", r.failureRate());
        m.put("latency_ms", json(r.latency()));
        Map<String, Object> st = new LinkedHashMap<>();
        r.statusCounts().forEach((k, v) -> st.put(String.valueOf(k), v));
        m.put("status_counts", st);
        Map<String, Object> kinds = new LinkedHashMap<>();
        r.kinds().forEach((k, v) -> {
            Map<String, Object> kind = new LinkedHashMap<>();
            kind.put("expected_status", v.expectedStatus());
            kind.put("sent", v.sent());
            kind.put("unexpected", v.unexpected());
            kind.put("allowed", v.allowed());
            kind.put("deny_reasons", new TreeMap<>(v.reasons()));
            kinds.put(k, kind);
        });
        m.put("kinds", kinds);
        m.put("max_in_flight_seen", r.maxInFlightSeen());
        m.put("connections_opened", r.connectionsOpened());
        m.put("unique_tokens_reused", r.reusedUnique());
        m.put("process_cpu_seconds", r.processCpuSeconds());
        m.put("generator_send_lag_ms", Map.of("p99", r.generatorLag().p99Millis(), "max", r.generatorLag().maxMillis()));
        m.put("generator_gc_ms", r.generatorLag().gcMillis());
        if (r.serverCpuSeconds() >= 0) {
            m.put("service_cpu_seconds", r.serverCpuSeconds());
            m.put("service_cpu_us_per_request", r.serverCpuMicrosPerRequest());
        }
        return m;
    }

    /** Latency percentiles as a JSON tree (milliseconds). */
    static Map<String, Object> json(LatencySummary l) {
        Map<String, Object> lat = new LinkedHashMap<>();
        lat.put("count", l.count());
        lat.put("mean", l.mean());
        lat.put("p50", l.p50());
        lat.put("p90", l.p90());
        lat.put("p99", l.p99());
        lat.put("p99_9", l.p999());
        lat.put("max", l.max());
        return lat;
    }

    static List<Object> json(List<RunResult> runs) {
        return runs.stream().map(r -> (Object) json(r)).toList();
    }
}
