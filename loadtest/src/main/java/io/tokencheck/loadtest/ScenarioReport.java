package io.tokencheck.loadtest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Turns a scenario's result into its text summary and its JSON report's tree. */
final class ScenarioReport {
    private ScenarioReport() {
    }

    /** The summary printed after the phases: latency per window, the scenario's facts, denies by reason, verdict. */
    static String text(ScenarioResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("scenario ").append(r.scenario()).append(", latency of the steady traffic (ms; ratio to ")
                .append(r.windows().keySet().iterator().next()).append("):\n");
        LatencySummary first = r.windows().values().iterator().next();
        r.windows().forEach((name, l) -> sb.append(String.format(Locale.ROOT,
                "  %-9s p50 %7.3f  p99 %8.3f  p99.9 %8.3f  max %8.3f  (%d requests; p50 x%.2f, p99 x%.2f)%n", name,
                l.p50(), l.p99(), l.p999(), l.max(), l.count(), ratio(l.p50(), first.p50()), ratio(l.p99(), first.p99()))));
        r.facts().forEach((k, v) -> line(sb, k, v));
        line(sb, "denies by kind and reason", denyReasons(r));
        ScenarioResult.Verdict v = r.verdict();
        DecisionTally t = v.decisions();
        sb.append(String.format(Locale.ROOT, "  %d requests planned: wrong allows %d, wrong denies %d, wrong statuses %d, "
                + "transport errors %d, lost (timeouts and drops) %d, of the measured steady traffic %d of %d%n",
                t.planned(), t.wrongAllows(), t.wrongDenies(), t.wrongStatus(), t.errors(), t.lost(), v.steady().lost(),
                v.steady().planned()));
        sb.append(v.passed() ? "SCENARIO PASSED\n" : "SCENARIO FAILED: " + String.join("; ", v.failures()) + "\n");
        return sb.toString();
    }

    /** The whole report: settings, timings, each phase's runs, the windows and their ratios, facts, verdict. */
    static Map<String, Object> json(ScenarioResult r, ScenarioSettings s, ScenarioTimings t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", r.scenario());
        m.put("embedded", true);
        m.put("settings", Map.of("rate", s.rate(), "duration_seconds", s.duration().toMillis() / 1e3,
                "flood_rate", s.floodRate(), "mix", s.mix().toString(), "flood_mix", s.floodMix().toString(),
                "warmup_seconds", s.warmup().toMillis() / 1e3, "max_in_flight", s.maxInFlight(),
                "timeout_ms", s.timeout().toMillis(), "seed", s.seed()));
        m.put("jwks_timings_ms", Map.of("ttl", t.ttl().toMillis(), "max_staleness", t.maxStaleness().toMillis(),
                "unknown_kid_min_interval", t.unknownKidInterval().toMillis(), "request_wait", t.requestWait().toMillis(),
                "read_timeout", t.readTimeout().toMillis(), "settle", t.settle().toMillis()));
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("java", System.getProperty("java.version"));
        List<Object> phases = new ArrayList<>();
        for (Phase p : r.phases()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("name", p.name());
            pm.put("event", p.event());
            pm.put("seconds", p.elapsed().toMillis() / 1e3);
            pm.put("jwks_fetches", p.jwksFetches());
            pm.put("traffic", ReportFormat.json(p.traffic()));
            if (p.flood() != null) {
                pm.put("flood", ReportFormat.json(p.flood()));
            }
            phases.add(pm);
        }
        m.put("phases", phases);
        Map<String, Object> windows = new LinkedHashMap<>();
        LatencySummary first = r.windows().values().iterator().next();
        r.windows().forEach((name, l) -> {
            Map<String, Object> w = ReportFormat.json(l);
            w.put("p50_ratio", ratio(l.p50(), first.p50()));
            w.put("p99_ratio", ratio(l.p99(), first.p99()));
            windows.put(name, w);
        });
        m.put("traffic_latency_ms", windows);
        m.put("facts", r.facts());
        m.put("deny_reasons", denyReasons(r));
        ScenarioResult.Verdict v = r.verdict();
        DecisionTally d = v.decisions();
        Map<String, Object> verdict = new LinkedHashMap<>();
        verdict.put("passed", v.passed());
        verdict.put("wrong_allows", d.wrongAllows());
        verdict.put("wrong_denies", d.wrongDenies());
        verdict.put("wrong_statuses", d.wrongStatus());
        verdict.put("transport_errors", d.errors());
        verdict.put("lost", d.lost());
        verdict.put("planned", d.planned());
        verdict.put("steady_lost", v.steady().lost());
        verdict.put("steady_planned", v.steady().planned());
        verdict.put("failures", v.failures());
        m.put("verdict", verdict);
        return m;
    }

    /** One fact; a map of maps gets a line per entry. */
    private static void line(StringBuilder sb, String name, Object value) {
        if (value instanceof Map<?, ?> m && !m.isEmpty() && m.values().iterator().next() instanceof Map) {
            sb.append("  ").append(name).append(":\n");
            m.forEach((k, v) -> sb.append("    ").append(k).append(": ").append(v).append('\n'));
        } else {
            sb.append("  ").append(name).append(": ").append(value).append('\n');
        }
    }

    /** Denies over all phases, by kind and then reason code. */
    private static Map<String, Map<String, Long>> denyReasons(ScenarioResult r) {
        Map<String, Map<String, Long>> byKind = new TreeMap<>();
        for (Phase p : r.phases()) {
            for (RunResult run : p.runs()) {
                run.kinds().forEach((kind, counts) -> counts.reasons().forEach((reason, n) ->
                        byKind.computeIfAbsent(kind, k -> new TreeMap<>()).merge(reason, n, Long::sum)));
            }
        }
        return byKind;
    }

    private static double ratio(double a, double b) {
        return b > 0 ? a / b : Double.NaN;
    }
}
