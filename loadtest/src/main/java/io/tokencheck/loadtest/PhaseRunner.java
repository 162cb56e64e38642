package io.tokencheck.loadtest;

import io.tokencheck.DemoEnvironment;
import io.tokencheck.keys.JwsAlgorithm;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a scenario's phases back to back against the embedded tokencheck: the steady traffic (its --mix) open-loop at the
 * scenario's rate and, if given, a flood at its own rate on a second scheduler thread at the same time; counts the
 * JWKS requests the issuer's server saw meanwhile. Plans are built before the first phase, so the gap between two
 * phases is only the next run's set-up (its request bytes and fresh connections, milliseconds).
 */
final class PhaseRunner {
    private final DemoEnvironment env;
    private final ScenarioSettings settings;
    private final PrintStream out;
    private final URI base;

    PhaseRunner(DemoEnvironment env, ScenarioSettings settings, PrintStream out) {
        this.env = env;
        this.settings = settings;
        this.out = out;
        this.base = URI.create(env.server().baseUrl());
    }

    DemoEnvironment env() {
        return env;
    }

    ScenarioSettings settings() {
        return settings;
    }

    /** The minter of the scenario's tokens: RS256 by the issuer's key rsa-1, valid far beyond the run. */
    TokenMinter minter() {
        return new TokenMinter(env.kit(), JwsAlgorithm.RS256, Scenario.VALIDITY);
    }

    /** The random source of the scenario's plans, from --seed. */
    Random random() {
        return new Random(settings.seed());
    }

    /** Requests of the steady traffic in this much time. */
    int requests(Duration d) {
        return settings.run(base, settings.rate(), d).requestCount();
    }

    /** Requests of the flood in this much time. */
    int floodRequests(Duration d) {
        return settings.run(base, settings.floodRate(), d).requestCount();
    }

    /** Sends the steady plan alone. */
    Phase run(String name, String event, Plan steady) {
        return run(name, event, steady, null);
    }

    /** Sends the steady plan and, at the same time, the flood plan (null: none). */
    Phase run(String name, String event, Plan steady, Plan flood) {
        return run(name, event, true, steady, flood);
    }

    /** An unmeasured phase first (flood: null for none), so that the measured ones do not time a cold JVM. */
    Phase warmUp(Plan steady, Plan flood) {
        return run("warm-up", "", false, steady, flood);
    }

    private Phase run(String name, String event, boolean measured, Plan steady, Plan flood) {
        int fetchesBefore = env.jwks().jwksFetches();
        long start = System.nanoTime();
        CompletableFuture<RunResult> flooding = flood == null ? null : CompletableFuture.supplyAsync(
                () -> new OpenLoopRun(runSettings(settings.floodRate(), flood), name + " flood", false).execute(flood),
                r -> Thread.ofPlatform().name("loadtest-flood").start(r));
        OpenLoopRun steadyRun = new OpenLoopRun(runSettings(settings.rate(), steady), name, false);
        RunResult v = steadyRun.execute(steady);
        RunResult f = flooding == null ? null : flooding.join();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Phase p = new Phase(name, event, measured, v, f, steadyRun.latencies(), env.jwks().jwksFetches() - fetchesBefore, elapsed);
        out.print(line(p));
        return p;
    }

    private RunSettings runSettings(double rate, Plan plan) {
        return settings.run(base, rate, Duration.ofNanos((long) Math.ceil(plan.size() * 1e9 / rate)));
    }

    private static String line(Phase p) {
        DecisionTally traffic = DecisionTally.of(List.of(p.traffic()));
        LatencySummary l = p.traffic().latency();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "phase %-9s %5.1f s%s: traffic %d sent, p50 %.2f p99 %.2f max %.1f ms, wrong allows %d, wrong denies %d, lost %d",
                p.name(), p.elapsed().toMillis() / 1e3, p.event().isEmpty() ? "" : " (" + p.event() + ")", p.traffic().sent(),
                l.p50(), l.p99(), l.max(), traffic.wrongAllows(), traffic.wrongDenies(), traffic.lost()));
        if (p.flood() != null) {
            DecisionTally flood = DecisionTally.of(List.of(p.flood()));
            sb.append(String.format(Locale.ROOT, "; flood %d sent at %.0f/s, wrong allows %d, lost %d", p.flood().sent(),
                    p.flood().achievedRate(), flood.wrongAllows(), flood.lost()));
        }
        return sb.append(String.format(Locale.ROOT, "; JWKS fetches %d%n", p.jwksFetches())).toString();
    }
}
