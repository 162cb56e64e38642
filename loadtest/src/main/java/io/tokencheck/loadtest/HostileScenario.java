package io.tokencheck.loadtest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Valid traffic alone (the baseline), then the same valid traffic while a flood of forged tokens runs beside it.
 * Fails on any wrong decision, and when the issuer's JWKS server saw more fetches during the flood than tokencheck's
 * unknown-kid rate limit allows (see {@link ScenarioTimings#refetchBound}); keys are fresh for 10 minutes here, so
 * no scheduled refresh falls into the flood.
 */
final class HostileScenario implements Scenario {
    /** Every forged kind, equally: made-up kids, bad signatures, alg none, algorithm confusion, oversized, garbage. */
    static final String FLOOD_MIX = "random_kid=1,bad_signature=1,alg_none=1,alg_confusion=1,oversized=1,garbage=1";

    @Override
    public String name() {
        return "hostile";
    }

    @Override
    public ScenarioTimings timings() {
        return ScenarioTimings.FLOOD;
    }

    @Override
    public String defaultMix() {
        return "cached=90,unique=10";
    }

    @Override
    public ScenarioResult run(PhaseRunner runner) {
        ScenarioSettings s = runner.settings();
        Workload tokens = new MintedWorkload(runner.minter());
        Random random = runner.random();
        Duration half = s.duration().dividedBy(2);
        Plan baseline = tokens.plan(s.mix(), runner.requests(half), random);
        Plan valid = tokens.plan(s.mix(), runner.requests(half), random);
        Plan flood = tokens.plan(s.floodMix(), runner.floodRequests(half), random);

        List<Phase> phases = new ArrayList<>();
        if (!s.warmup().isZero()) {
            phases.add(runner.warmUp(tokens.plan(s.mix().withoutUnique(), runner.requests(s.warmup()), random),
                    tokens.plan(s.floodMix(), runner.floodRequests(s.warmup()), random)));
        }
        Phase base = runner.run("baseline", "valid traffic alone", baseline);
        Phase flooded = runner.run("flood", "forged tokens at " + (long) s.floodRate() + "/s beside it", valid, flood);
        phases.add(base);
        phases.add(flooded);

        long bound = s.maxFetches() >= 0 ? s.maxFetches() : timings().refetchBound(flooded.elapsed());
        List<String> failures = new ArrayList<>();
        if (flooded.jwksFetches() > bound) {
            failures.add("the JWKS server saw " + flooded.jwksFetches() + " fetches during the flood, more than the bound "
                    + bound);
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("flood_seconds", flooded.elapsed().toMillis() / 1e3);
        facts.put("unknown_kid_min_interval_ms", timings().unknownKidInterval().toMillis());
        facts.put("jwks_fetches_during_flood", flooded.jwksFetches());
        facts.put("jwks_fetch_bound", bound);
        facts.put("jwks_fetch_bound_rule", s.maxFetches() >= 0 ? "--max-fetches"
                : "1 + flood time / (unknown_kid_min_interval - 1 ms)");
        facts.put("jwks_fetches_during_baseline", base.jwksFetches());
        Map<String, Object> forged = new TreeMap<>();
        flooded.flood().kinds().forEach((kind, counts) -> forged.put(kind, Map.of("sent", counts.sent(),
                "allowed", counts.allowed(), "deny_reasons", new TreeMap<>(counts.reasons()))));
        facts.put("forged", forged);
        Map<String, LatencySummary> windows = new LinkedHashMap<>();
        windows.put("baseline", base.traffic().latency());
        windows.put("flood", flooded.traffic().latency());
        return new ScenarioResult(name(), phases, windows, facts, ScenarioResult.Verdict.of(phases, failures));
    }
}
