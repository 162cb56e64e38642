package io.tokencheck.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokencheck.issuerkit.IssuerKit;
import io.tokencheck.keys.JwsAlgorithm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mix, rate-step and duration parsing, step verdicts, token file round trip, and the command line's exit codes. */
class WorkloadOptionsTest {

    @Test
    void mixDrawsOnlyWeightedKindsInProportion() {
        Mix mix = Mix.parse("cached=3, expired=1");
        Random r = new Random(1);
        int cached = 0;
        for (int i = 0; i < 4000; i++) {
            TokenKind k = mix.draw(r);
            assertThat(k).isIn(TokenKind.CACHED, TokenKind.EXPIRED);
            cached += k == TokenKind.CACHED ? 1 : 0;
        }
        assertThat(cached).isBetween(2800, 3200);
        assertThat(mix.toString()).isEqualTo("cached=3,expired=1");
        assertThat(Mix.parse("unique=2,cached=1").withoutUnique().weight(TokenKind.CACHED)).isEqualTo(3);
    }

    @Test
    void badMixesAreRejected() {
        assertThatThrownBy(() -> Mix.parse("cashed=1")).hasMessageContaining("unknown token kind");
        assertThatThrownBy(() -> Mix.parse("cached=0")).hasMessageContaining("at least one kind");
        assertThatThrownBy(() -> Mix.parse("cached=1,cached=2")).hasMessageContaining("twice");
        assertThatThrownBy(() -> Mix.parse("cached")).hasMessageContaining("kind=weight");
    }

    @Test
    void rateStepsAreARangeOrARisingList() {
        assertThat(RateSteps.parse("1000:500:2500")).containsExactly(1000.0, 1500.0, 2000.0, 2500.0);
        assertThat(RateSteps.parse("100,200,400")).containsExactly(100.0, 200.0, 400.0);
        assertThatThrownBy(() -> RateSteps.parse("400,200")).isInstanceOf(Arguments.UsageException.class);
        assertThatThrownBy(() -> RateSteps.parse("1:1:1000")).hasMessageContaining("more than");
    }

    @Test
    void aStepIsSustainedOnlyWithinEveryBound() {
        RateSteps steps = new RateSteps(2.0, 0.01, Duration.ofSeconds(1), 1);
        assertThat(steps.judge(result(1000, 990, 1.5, 0)).sustained()).isTrue();
        assertThat(steps.judge(result(1000, 990, 2.5, 0)).verdict()).contains("p99");
        assertThat(steps.judge(result(1000, 990, 1.5, 50)).verdict()).contains("failure rate");
        assertThat(steps.judge(result(1000, 800, 1.5, 0)).verdict()).contains("achieved");
        assertThat(RateSteps.highestSustained(List.of(steps.judge(result(500, 500, 1, 0)),
                steps.judge(result(1000, 1000, 1, 0)), steps.judge(result(1500, 1500, 9, 0))))).isEqualTo(1000);
    }

    @Test
    void durationsTakeUnitsOrBareSeconds() {
        assertThat(Arguments.parseDuration("d", "250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Arguments.parseDuration("d", "10")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Arguments.parseDuration("d", "5m")).isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> Arguments.parseDuration("d", "5x")).isInstanceOf(Arguments.UsageException.class);
    }

    @Test
    void theTokenFileReadsBackWhatWasWrittenAndItsConfigPointsAtItsJwks(@TempDir Path dir) throws Exception {
        IssuerKit kit = IssuerKit.generate(LoadtestConfig.FILE_ISSUER);
        Plan plan = new MintedWorkload(new TokenMinter(kit, JwsAlgorithm.ES256, Duration.ofHours(1)))
                .plan(Mix.parse(Mix.DEFAULT), 60, new Random(2));
        List<TokenFile.Entry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            entries.add(new TokenFile.Entry(plan.kinds()[i], plan.kinds()[i].expectedStatus(), plan.tokens()[i]));
        }
        TokenFile.Written w = TokenFile.write(dir.resolve("t.json"), kit.issuer(), "ES256", Mix.parse(Mix.DEFAULT), 1, 2,
                entries, kit.publicJwksJson(), 18080);
        TokenFile back = TokenFile.read(w.tokens());

        assertThat(back.tokens()).isEqualTo(entries);
        assertThat(back.checkPath()).isEqualTo("/check/loadtest");
        assertThat(w.jwks()).hasFileName("t.jwks.json");
        assertThat(Files.readString(w.config())).contains("jwks_file: t.jwks.json", "port: 18080", "issuer: " + kit.issuer());
        assertThat(back.jwksJson()).contains(IssuerKit.EC256_KID);
    }

    @Test
    void fileWorkloadCountsUniqueTokensItHadToReuse() {
        List<TokenFile.Entry> entries = List.of(new TokenFile.Entry(TokenKind.UNIQUE, 200, "u1"),
                new TokenFile.Entry(TokenKind.UNIQUE, 200, "u2"));
        FileWorkload w = new FileWorkload(new TokenFile("i", "/check/loadtest", "/health/live", 0, entries, null, null));
        Plan p = w.plan(Mix.parse("unique=1"), 5, new Random(1));
        assertThat(p.tokens()).containsExactly("u1", "u2", "u1", "u2", "u1");
        assertThat(p.reusedUnique()).isEqualTo(3);
        assertThatThrownBy(() -> w.plan(Mix.parse("expired=1"), 1, new Random(1))).hasMessageContaining("no expired tokens");
    }

    @Test
    void usageErrorsExitWithTwoAndARunNeedsABound() {
        assertThat(exit("run", "--embedded")).isEqualTo(2);
        assertThat(exit("run", "--rate", "10", "--duration", "1s")).isEqualTo(2);
        assertThat(exit("mint", "--count", "0", "--out", "x.json")).isEqualTo(2);
        assertThat(exit("frobnicate")).isEqualTo(2);
        assertThat(exit("run", "--embedded", "--rate", "10", "--duration", "1s", "--bogus", "1")).isEqualTo(2);
    }

    private static int exit(String... args) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(sink, true, StandardCharsets.UTF_8);
        return Main.run(args, ps, ps);
    }

    private static RunResult result(double rate, double achieved, double p99, long dropped) {
        return new RunResult("t", "/p", rate, 1, 1000, 1000 - dropped, dropped, 1000 - dropped, 0, 0, 0, achieved,
                new LatencySummary(1000, 1, 0.5, 1, p99, p99, p99), Map.of(), Map.of(), 1, 1, 0, 0, -1,
                new RunResult.GeneratorLag(0, 0, 0));
    }
}
