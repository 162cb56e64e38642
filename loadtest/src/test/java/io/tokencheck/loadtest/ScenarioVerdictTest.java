package io.tokencheck.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The verdict's arithmetic: wrong decisions from per-kind counts, the refetch bound, and how plans are combined. */
class ScenarioVerdictTest {

    @Test
    void anAllowedForgeryADeniedValidTokenAndAWrongDenyStatusEachFailTheVerdict() {
        RunResult r = run(Map.of(
                "cached", new RunResult.KindCounts(200, 10, 2, 8, Map.of("jwks_unavailable", 2L)),
                "random_kid", new RunResult.KindCounts(401, 10, 4, 1, Map.of("key_not_found", 6L, "jwks_unavailable", 3L))));
        ScenarioResult.Verdict v = ScenarioResult.Verdict.of(List.of(phase(r)), List.of());

        assertThat(v.decisions().wrongDenies()).isEqualTo(2);
        assertThat(v.decisions().wrongAllows()).isEqualTo(1);
        assertThat(v.decisions().wrongStatus()).isEqualTo(3);
        assertThat(v.passed()).isFalse();
        assertThat(v.failures()).hasSize(3);
    }

    @Test
    void rightDecisionsPassUnlessTheScenarioAddsAFailure() {
        RunResult r = run(Map.of("cached", new RunResult.KindCounts(200, 10, 0, 10, Map.of()),
                "garbage", new RunResult.KindCounts(401, 10, 0, 0, Map.of("token_malformed", 10L))));
        assertThat(ScenarioResult.Verdict.of(List.of(phase(r)), List.of()).passed()).isTrue();
        assertThat(ScenarioResult.Verdict.of(List.of(phase(r)), List.of("too many fetches")).failures())
                .containsExactly("too many fetches");
    }

    @Test
    void theRefetchBoundIsOnePerIntervalPlusTheFirst() {
        ScenarioTimings t = ScenarioTimings.FLOOD;
        assertThat(t.refetchBound(Duration.ofMillis(500))).isEqualTo(1);
        assertThat(t.refetchBound(Duration.ofMillis(999))).isEqualTo(2);
        assertThat(t.refetchBound(Duration.ofSeconds(10))).isEqualTo(11);
        assertThat(ScenarioTimings.KEY_EVENTS.settle()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void interleavedPlansKeepEveryRequestAndEachPlansOrder() {
        Plan a = new Plan(new TokenKind[] {TokenKind.CACHED, TokenKind.CACHED, TokenKind.CACHED},
                new String[] {"a1", "a2", "a3"}, 0);
        Plan b = new Plan(new TokenKind[] {TokenKind.UNIQUE, TokenKind.UNIQUE}, new String[] {"b1", "b2"}, 1)
                .as(TokenKind.RETIRED_KEY);
        Plan p = Plan.interleave(a, b, new Random(5));

        assertThat(p.size()).isEqualTo(5);
        assertThat(p.reusedUnique()).isEqualTo(1);
        assertThat(List.of(p.tokens()).stream().filter(t -> t.startsWith("a")).toList()).containsExactly("a1", "a2", "a3");
        assertThat(List.of(p.tokens()).stream().filter(t -> t.startsWith("b")).toList()).containsExactly("b1", "b2");
        for (int i = 0; i < p.size(); i++) {
            assertThat(p.kinds()[i]).isEqualTo(p.tokens()[i].startsWith("a") ? TokenKind.CACHED : TokenKind.RETIRED_KEY);
        }
    }

    @Test
    void requestsLostInTheMeasuredSteadyTrafficFailTheVerdictButNotInTheWarmUpOrTheFlood() {
        RunResult lossy = lost(20);
        RunResult fine = lost(0);
        assertThat(ScenarioResult.Verdict.of(List.of(new Phase("warm-up", "", false, lossy, null, new Histogram(3), 0,
                Duration.ofSeconds(1)), phase(fine)), List.of()).passed()).isTrue();
        assertThat(ScenarioResult.Verdict.of(List.of(new Phase("flood", "", true, fine, lossy, new Histogram(3), 0,
                Duration.ofSeconds(1))), List.of()).passed()).isTrue();
        ScenarioResult.Verdict v = ScenarioResult.Verdict.of(List.of(phase(lossy)), List.of());
        assertThat(v.failures()).singleElement().asString().contains("20 of 1000");
    }

    private static Phase phase(RunResult r) {
        return new Phase("p", "", true, r, null, new Histogram(3), 0, Duration.ofSeconds(1));
    }

    /** 1000 cached requests, timeouts of them timed out. */
    private static RunResult lost(long timeouts) {
        return new RunResult("t", "/check/loadtest", 10, 1, 1000, 1000, 0, 1000 - timeouts, timeouts, 0, 0, 10,
                new LatencySummary(1000, 1, 1, 1, 1, 1, 1), Map.of(),
                Map.of("cached", new RunResult.KindCounts(200, 1000, 0, 1000 - timeouts, Map.of())), 1, 1, 0, 0, -1,
                new RunResult.GeneratorLag(0, 0, 0));
    }

    private static RunResult run(Map<String, RunResult.KindCounts> kinds) {
        long sent = kinds.values().stream().mapToLong(RunResult.KindCounts::sent).sum();
        long unexpected = kinds.values().stream().mapToLong(RunResult.KindCounts::unexpected).sum();
        return new RunResult("t", "/check/loadtest", 10, 1, sent, sent, 0, sent, 0, 0, unexpected, 10,
                new LatencySummary(sent, 1, 1, 1, 1, 1, 1), Map.of(), kinds, 1, 1, 0, 0, -1,
                new RunResult.GeneratorLag(0, 0, 0));
    }
}
