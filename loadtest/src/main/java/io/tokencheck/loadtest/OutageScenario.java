package io.tokencheck.loadtest;

import io.tokencheck.issuerkit.JwksServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Sustained traffic while the issuer's JWKS server goes down and comes back, in three equal phases: before (up),
 * outage (every JWKS request answered 503, or with --slow-outage answered only after read_timeout), after (up
 * again). The outage is far shorter than max_staleness, so tokencheck must keep verifying with the last good keys:
 * every kind keeps its expected status throughout. Fails on any wrong decision, and when tokencheck made no fetch
 * during the outage (then it never saw it and the run proves nothing).
 */
final class OutageScenario implements Scenario {
    @Override
    public String name() {
        return "outage";
    }

    @Override
    public ScenarioResult run(PhaseRunner runner) {
        ScenarioSettings s = runner.settings();
        JwksServer jwks = runner.env().jwks();
        Workload tokens = new MintedWorkload(runner.minter());
        Random random = runner.random();
        Duration part = s.duration().dividedBy(3);
        Plan before = tokens.plan(s.mix(), runner.requests(part), random);
        Plan during = tokens.plan(s.mix(), runner.requests(part), random);
        Plan after = tokens.plan(s.mix(), runner.requests(part), random);

        List<Phase> phases = new ArrayList<>();
        if (!s.warmup().isZero()) {
            phases.add(runner.warmUp(tokens.plan(s.mix().withoutUnique(), runner.requests(s.warmup()), random), null));
        }
        Phase p1 = runner.run("before", "JWKS server up", before);
        String mode;
        if (s.slowOutage()) {
            Duration slow = timings().readTimeout().plusSeconds(1);
            jwks.delay(slow);
            mode = "slow: every answer after " + slow.toMillis() + " ms (read_timeout " + timings().readTimeout().toMillis() + " ms)";
        } else {
            jwks.failWith(503, "");
            mode = "503 for every request";
        }
        Phase p2;
        boolean readyAtEnd;
        try {
            p2 = runner.run("outage", "JWKS server down: " + mode, during);
            readyAtEnd = runner.env().server().ready();
        } finally {
            jwks.recover().delay(Duration.ZERO);
        }
        Phase p3 = runner.run("after", "JWKS server back", after);
        phases.addAll(List.of(p1, p2, p3));

        List<String> failures = new ArrayList<>();
        if (p2.jwksFetches() == 0) {
            failures.add("tokencheck made no JWKS fetch during the outage, so it never saw it (lengthen --duration)");
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("outage_mode", mode);
        facts.put("outage_seconds", p2.elapsed().toMillis() / 1e3);
        facts.put("max_staleness_seconds", timings().maxStaleness().toSeconds());
        facts.put("jwks_fetch_attempts_during_outage", p2.jwksFetches());
        facts.put("jwks_fetches_after_recovery", p3.jwksFetches());
        facts.put("ready_at_end_of_outage", readyAtEnd);
        Map<String, LatencySummary> windows = new LinkedHashMap<>();
        windows.put("before", p1.traffic().latency());
        windows.put("during", p2.traffic().latency());
        windows.put("after", p3.traffic().latency());
        return new ScenarioResult(name(), phases, windows, facts, ScenarioResult.Verdict.of(phases, failures));
    }
}
