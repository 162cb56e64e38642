package io.tokencheck.decision;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Counts decisions by policy, outcome and reason, and times them (with a histogram, so p50/p99 can be read). */
public final class DecisionMetrics {
    private final MeterRegistry registry;
    private final Timer latency;
    // Meter lookups by tags cost more than the counting itself; keep the resolved counters.
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    /** Registers the meters in this registry. */
    public DecisionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("tokencheck.decision.duration")
                .description("Time to reach a decision, from token to allow or deny")
                .publishPercentileHistogram()
                .register(registry);
    }

    /** Records one decision and how long it took. */
    public void record(Decision decision, long nanos) {
        latency.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        // Unknown policy names come from request paths: never let them create meters.
        String policy = decision.policy() == null ? "unknown" : decision.policy();
        String reason = decision instanceof Decision.Deny d ? d.reason().code() : "none";
        String outcome = decision instanceof Decision.Allow ? "allow" : "deny";
        counters.computeIfAbsent(policy + '\u0000' + reason, k -> Counter.builder("tokencheck.decisions")
                .description("Decisions by policy, outcome and reason")
                .tag("policy", policy)
                .tag("outcome", outcome)
                .tag("reason", reason)
                .register(registry)).increment();
    }
}
