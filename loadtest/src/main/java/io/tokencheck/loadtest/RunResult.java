package io.tokencheck.loadtest;

import java.util.Map;

/**
 * What one run did. planned = sent + dropped; sent = completed + timeouts + errors; completed responses are either
 * expected (the kind's status) or unexpected. processCpuSeconds is this JVM's CPU time during the run (the generator
 * alone against a separate server; generator and service together when embedded).
 */
public record RunResult(String label, String path, double requestedRate, double seconds, long planned, long sent,
                        long dropped, long completed, long timeouts, long errors, long unexpected,
                        double achievedRate, LatencySummary latency, Map<Integer, Long> statusCounts,
                        Map<String, KindCounts> kinds, int maxInFlightSeen, int connectionsOpened, int reusedUnique,
                        double processCpuSeconds) {

    /** Per-kind counts: sent, the status it must get, and how many got another one. */
    public record KindCounts(int expectedStatus, long sent, long unexpected) {
    }

    /** Requests that did not end with the expected status: unexpected statuses, timeouts, errors and drops. */
    public long failures() {
        return unexpected + timeouts + errors + dropped;
    }

    /** failures() / planned. */
    public double failureRate() {
        return planned == 0 ? 0 : (double) failures() / planned;
    }
}
