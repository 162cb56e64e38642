package io.tokencheck.decision;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tokencheck.reason.DenyReason;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/** Counts decisions by policy, outcome and reason, and times them (with a histogram, so p50/p99 can be read). */
public final class DecisionMetrics {
    private final MeterRegistry registry;
    private final Timer latency;
    // Meter lookups by tags cost more than the counting itself: keep the resolved counters, per policy an array
    // indexed by reason ordinal, with the allow counter in the last slot (no allocation per decision).
    private final ConcurrentMap<String, Counter[]> counters = new ConcurrentHashMap<>();
    private static final int ALLOW = DenyReason.values().length;

    /** Registers the meters in this registry. */
    public DecisionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("tokencheck.decision.duration")
                .description("Time to reach a decision, from token to allow or deny")
                .publishPercentileHistogram()
                .register(registry);
    }

    /** The registry the meters live in. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Records one decision and how long it took. */
    public void record(Decision decision, long nanos) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
        // Unknown policy names come from request paths: never let them create meters.
        String policy = decision.policy() == null ? "unknown" : decision.policy();
        Counter[] byReason = counters.computeIfAbsent(policy, p -> new Counter[ALLOW + 1]);
        int slot = decision instanceof Decision.Deny d ? d.reason().ordinal() : ALLOW;
        Counter c = byReason[slot];
        if (c == null) {
            c = register(policy, slot);
            byReason[slot] = c;
        }
        c.increment();
    }

    private Counter register(String policy, int slot) {
        boolean allow = slot == ALLOW;
        return Counter.builder("tokencheck.decisions")
                .description("Decisions by policy, outcome and reason")
                .tag("policy", policy)
                .tag("outcome", allow ? "allow" : "deny")
                .tag("reason", allow ? "none" : DenyReason.values()[slot].code())
                .register(registry);
    }
}
