package io.tokencheck.loadtest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * One phase of a scenario: what happened at its start (event, or ""), the steady traffic's run and its latencies,
 * the flood's run (null without one), how many JWKS requests the issuer's server saw while it ran, and whether it
 * is measured (the warm-up is not: a cold JVM may lose requests there, though it must still decide each one right).
 */
record Phase(String name, String event, boolean measured, RunResult traffic, RunResult flood, Histogram latencies,
             int jwksFetches, Duration elapsed) {
    /** The phase's runs: the steady traffic, and the flood if there was one. */
    List<RunResult> runs() {
        List<RunResult> runs = new ArrayList<>(List.of(traffic));
        if (flood != null) {
            runs.add(flood);
        }
        return runs;
    }

    /** The steady traffic's latencies over these phases together. */
    static LatencySummary latency(List<Phase> phases) {
        Histogram all = phases.getFirst().latencies().copy();
        for (Phase p : phases.subList(1, phases.size())) {
            all.add(p.latencies());
        }
        return LatencySummary.of(all);
    }
}
