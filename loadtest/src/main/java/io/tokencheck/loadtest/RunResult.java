package io.tokencheck.loadtest;

import java.util.Map;

/**
 * What one run did. planned = sent + dropped; sent = completed + timeouts + errors; completed responses are either
 * expected (the kind's status) or unexpected. processCpuSeconds is this JVM's CPU time during the run (the generator
 * alone against a separate server; generator and service together when embedded); serverCpuSeconds the service
 * process's, when its pid was given (else -1).
 */
public record RunResult(String label, String path, double requestedRate, double seconds, long planned, long sent,
                        long dropped, long completed, long timeouts, long errors, long unexpected,
                        double achievedRate, LatencySummary latency, Map<Integer, Long> statusCounts,
                        Map<String, KindCounts> kinds, int maxInFlightSeen, int connectionsOpened, int reusedUnique,
                        double processCpuSeconds, double serverCpuSeconds, GeneratorLag generatorLag) {

    /**
     * How late the generator sent against its schedule (p99 and max, ms) and its GC time during the run: when these
     * are near the latency tail, the tail was made by the generator's process, not by the service.
     */
    public record GeneratorLag(double p99Millis, double maxMillis, long gcMillis) {
    }

    /**
     * Per-kind counts: sent, the status it must get, how many got another one, how many were allowed (200), and the
     * denies by X-Auth-Deny-Reason code ("none" when the response carried no known code).
     */
    public record KindCounts(int expectedStatus, long sent, long unexpected, long allowed, Map<String, Long> reasons) {
        public KindCounts {
            reasons = Map.copyOf(reasons);
        }
    }

    /** Requests that did not end with the expected status: unexpected statuses, timeouts, errors and drops. */
    public long failures() {
        return unexpected + timeouts + errors + dropped;
    }

    /** Service CPU microseconds per completed request, or -1 when not measured. */
    public double serverCpuMicrosPerRequest() {
        return serverCpuSeconds < 0 || completed == 0 ? -1 : serverCpuSeconds * 1e6 / completed;
    }

    /** failures() / planned. */
    public double failureRate() {
        return planned == 0 ? 0 : (double) failures() / planned;
    }
}
