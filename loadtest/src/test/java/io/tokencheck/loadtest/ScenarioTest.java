package io.tokencheck.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each scenario at a low rate for a few seconds through the command line, against the embedded tokencheck: its
 * verdict (no wrong decision, JWKS fetches within the bound, the event really seen), the deny reasons of what must
 * be denied, and the report's structure. Nothing here asserts a latency: the machine is shared.
 */
class ScenarioTest {
    @TempDir
    Path dir;

    private record Outcome(int exit, String output, Map<String, Object> report) {
        Map<String, Object> verdict() {
            return map(report.get("verdict"));
        }

        Map<String, Object> facts() {
            return map(report.get("facts"));
        }

        List<String> phaseNames() {
            return ((List<?>) report.get("phases")).stream().map(p -> (String) map(p).get("name")).toList();
        }

        Map<String, Object> denyReasons(String kind) {
            return map(map(report.get("deny_reasons")).get(kind));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private Outcome scenario(String... args) throws Exception {
        Path report = dir.resolve("report.json");
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(sink, true, StandardCharsets.UTF_8);
        // A long timeout: a stall of a busy CI machine shows as latency, not as lost requests.
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"--timeout", "20s", "--report", report.toString()}, 0, all, args.length, 4);
        int code = Main.run(all, ps, ps);
        String output = sink.toString(StandardCharsets.UTF_8);
        assertThat(report).as(output).exists();
        return new Outcome(code, output, JSONObjectUtils.parse(Files.readString(report)));
    }

    private static void assertNoWrongDecision(Outcome o) {
        assertThat(o.verdict().get("wrong_allows")).as(o.output()).isEqualTo(0L);
        assertThat(o.verdict().get("wrong_denies")).as(o.output()).isEqualTo(0L);
        assertThat(o.verdict().get("wrong_statuses")).as(o.output()).isEqualTo(0L);
    }

    @Test
    void hostileFloodIsDeniedWithEachForgeryItsReasonAndStaysWithinTheRefetchBound() throws Exception {
        Outcome o = scenario("scenario", "hostile", "--rate", "40", "--flood-rate", "240", "--duration", "4s",
                "--warmup", "500ms");

        assertNoWrongDecision(o);
        assertThat(o.verdict().get("passed")).as(o.output()).isEqualTo(true);
        assertThat(o.exit()).as(o.output()).isZero();
        assertThat(o.phaseNames()).containsExactly("warm-up", "baseline", "flood");
        long fetches = ((Number) o.facts().get("jwks_fetches_during_flood")).longValue();
        assertThat(fetches).isPositive().isLessThanOrEqualTo(((Number) o.facts().get("jwks_fetch_bound")).longValue());
        assertThat(o.denyReasons("random_kid")).containsOnlyKeys("key_not_found");
        assertThat(o.denyReasons("bad_signature")).containsOnlyKeys("signature_invalid");
        assertThat(o.denyReasons("alg_none")).containsOnlyKeys("alg_not_allowed");
        assertThat(o.denyReasons("alg_confusion")).containsOnlyKeys("alg_not_allowed");
        assertThat(o.denyReasons("oversized")).containsOnlyKeys("token_too_large");
        assertThat(o.denyReasons("garbage")).containsOnlyKeys("token_malformed");
        Map<String, Object> latency = map(o.report().get("traffic_latency_ms"));
        assertThat(latency).containsOnlyKeys("baseline", "flood");
        assertThat(map(latency.get("flood"))).containsKeys("p50", "p99", "p50_ratio", "p99_ratio");
        Map<String, Object> flood = map(map(((List<?>) o.report().get("phases")).get(2)).get("flood"));
        assertThat(((Number) flood.get("sent")).longValue()).isPositive();
    }

    @Test
    void aFetchBoundBelowWhatTheFloodCausesFailsTheVerdict() throws Exception {
        // The first made-up kid of the flood always costs one fetch: a bound of 0 must be exceeded.
        Outcome o = scenario("scenario", "hostile", "--rate", "20", "--flood-rate", "120", "--duration", "2s",
                "--warmup", "0s", "--max-fetches", "0");

        assertNoWrongDecision(o);
        assertThat(o.exit()).as(o.output()).isEqualTo(1);
        assertThat(o.verdict().get("passed")).isEqualTo(false);
        assertThat((List<?>) o.verdict().get("failures")).singleElement().asString().contains("more than the bound 0");
        assertThat(o.output()).contains("SCENARIO FAILED");
    }

    @Test
    void rotationDeniesNoValidTokenAndEveryTokenOfTheRemovedKeyIncludingCachedOnes() throws Exception {
        Outcome o = scenario("scenario", "rotation", "--rate", "40", "--duration", "5s", "--warmup", "500ms");

        assertNoWrongDecision(o);
        assertThat(o.exit()).as(o.output()).isZero();
        assertThat(o.phaseNames()).containsExactly("warm-up", "before", "published", "switched", "retiring", "after");
        assertThat(((Number) o.facts().get("retired_key_tokens_sent_after_removal")).longValue()).isPositive();
        assertThat(o.denyReasons("retired_key")).containsOnlyKeys("key_not_found");
        assertThat(map(o.report().get("traffic_latency_ms"))).containsOnlyKeys("before", "during", "after");
    }

    @Test
    void outageShorterThanMaxStalenessChangesNoDecisionAndIsSeenByTokencheck() throws Exception {
        Outcome o = scenario("scenario", "outage", "--rate", "40", "--duration", "4500ms", "--warmup", "500ms");

        assertNoWrongDecision(o);
        assertThat(o.exit()).as(o.output()).isZero();
        assertThat(o.phaseNames()).containsExactly("warm-up", "before", "outage", "after");
        assertThat(((Number) o.facts().get("jwks_fetch_attempts_during_outage")).longValue()).isPositive();
        assertThat(o.facts().get("ready_at_end_of_outage")).isEqualTo(true);
        assertThat(o.denyReasons("unknown_kid")).containsOnlyKeys("key_not_found");
        assertThat(map(o.report().get("traffic_latency_ms"))).containsOnlyKeys("before", "during", "after");
    }

    @Test
    void aScenarioNeedsAKnownName() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(sink, true, StandardCharsets.UTF_8);
        assertThat(Main.run(new String[] {"scenario"}, ps, ps)).isEqualTo(2);
        assertThat(Main.run(new String[] {"scenario", "earthquake"}, ps, ps)).isEqualTo(2);
        assertThat(Main.run(new String[] {"scenario", "hostile", "--slow-outage"}, ps, ps)).isEqualTo(2);
        assertThat(Main.run(new String[] {"scenario", "rotation", "--duration", "6m"}, ps, ps)).isEqualTo(2);
    }
}
