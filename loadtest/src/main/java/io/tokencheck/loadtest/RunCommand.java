package io.tokencheck.loadtest;

import io.tokencheck.DemoEnvironment;
import io.tokencheck.keys.JwsAlgorithm;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** run and smoke: warm up, the measured run, the baseline run at the same rate, the report; or step mode. */
final class RunCommand {
    private static final Set<String> FLAGS = Set.of("embedded", "no-baseline");
    private static final Set<String> VALUES = Set.of("target", "tokens", "rate", "duration", "warmup", "mix", "max-in-flight",
            "connections", "timeout", "baseline-duration", "path", "alg", "seed", "report", "rate-steps", "step-duration",
            "max-p99", "max-failure-rate", "step-attempts", "server-pid");

    private final PrintStream out;
    private ServerCpu serverCpu;

    RunCommand(PrintStream out) {
        this.out = out;
    }

    int run(String[] args, boolean smoke) {
        Arguments a = Arguments.parse(args, FLAGS, VALUES);
        boolean embedded = smoke || a.flag("embedded");
        if (embedded == a.has("target")) {
            throw new Arguments.UsageException("give either --embedded or --target URL (with --tokens FILE)");
        }
        if (embedded && a.has("tokens")) {
            throw new Arguments.UsageException("--tokens is for --target; --embedded mints its own tokens");
        }
        Mix mix = Mix.parse(a.string("mix", Mix.DEFAULT));
        double rate = a.number("rate", smoke ? 200 : -1);
        Duration duration = a.duration("duration", smoke ? Duration.ofSeconds(10) : null);
        boolean steps = a.has("rate-steps");
        if (!steps && (rate <= 0 || duration == null)) {
            throw new Arguments.UsageException("--rate and --duration are required (every run is bounded)");
        }
        if (duration == null) {
            duration = Duration.ofSeconds(10);
        }
        Duration warmup = a.duration("warmup", smoke ? Duration.ofSeconds(1) : Duration.ofSeconds(3));
        Duration baselineDuration = a.duration("baseline-duration", smoke ? Duration.ofSeconds(3) : duration);
        int maxInFlight = a.integer("max-in-flight", 256);
        int connections = a.integer("connections", maxInFlight);
        Duration timeout = a.duration("timeout", Duration.ofSeconds(2));
        JwsAlgorithm alg = JwsAlgorithm.valueOf(a.string("alg", "RS256"));
        Random random = new Random(a.integer("seed", 1));
        Path report = Path.of(a.string("report", "loadtest-report.json"));
        boolean baseline = !a.flag("no-baseline");
        if (a.has("server-pid")) {
            if (embedded) {
                throw new Arguments.UsageException("--server-pid is for --target (embedded: the process CPU covers both)");
            }
            serverCpu = new ServerCpu(a.integer("server-pid", 0));
        }

        DemoEnvironment env = null;
        try {
            Workload workload;
            URI base;
            String path = a.string("path", LoadtestConfig.CHECK_PATH);
            if (embedded) {
                out.println("starting tokencheck in-process with a minted issuer ...");
                env = DemoEnvironment.start(LoadtestConfig.embeddedTemplate(), true);
                base = URI.create(env.server().baseUrl());
                // Valid tokens must outlive the whole run, steps included.
                Duration validity = Duration.ofHours(2).plus(duration);
                workload = new MintedWorkload(new TokenMinter(env.kit(), alg, validity));
            } else {
                base = URI.create(a.required("target"));
                TokenFile file = TokenFile.read(Path.of(a.required("tokens")));
                if (file.expiresAt() > 0 && file.expiresAt() < Instant.now().getEpochSecond() + duration.toSeconds()) {
                    out.println("warning: the token file's valid tokens expire during this run; mint a new one");
                }
                workload = new FileWorkload(file);
                path = a.string("path", file.checkPath());
            }
            RunSettings settings = new RunSettings(base, path, steps ? 1 : rate, duration, maxInFlight, connections, timeout);
            out.printf(Locale.ROOT, "target %s%s, mix %s, max in flight %d, connections %d, timeout %s%s%n", base, path, mix,
                    maxInFlight, connections, timeout, embedded ? " (embedded: generator and service share this JVM)" : "");
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("target", base.toString());
            json.put("path", path);
            json.put("embedded", embedded);
            json.put("mix", mix.toString());
            json.put("cores", Runtime.getRuntime().availableProcessors());
            json.put("java", System.getProperty("java.version"));
            json.put("started_at", Instant.now().toString());
            int code = steps
                    ? steps(a, settings, workload, mix, random, warmup, baselineDuration, baseline, json)
                    : single(settings, workload, mix, random, warmup, baselineDuration, baseline, json, smoke);
            Files.writeString(report, JsonText.write(json));
            out.println("report: " + report.toAbsolutePath());
            return code;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (env != null) {
                env.close();
            }
        }
    }

    private int single(RunSettings settings, Workload workload, Mix mix, Random random, Duration warmup,
                       Duration baselineDuration, boolean baseline, Map<String, Object> json, boolean smoke) {
        long warmupUnexpected = warmup(settings, workload, mix, random, warmup);
        out.printf(Locale.ROOT, "preparing %d requests ...%n", settings.requestCount());
        Plan plan = workload.plan(mix, settings.requestCount(), random);
        RunResult check = new OpenLoopRun(settings, "check", false, serverCpu).execute(plan);
        out.print(ReportFormat.text(check));
        json.put("check", ReportFormat.json(check));
        long failures = check.failures() + warmupUnexpected;
        RunResult base = null;
        if (baseline) {
            RunSettings b = settings.onPath(LoadtestConfig.BASELINE_PATH).at(settings.rate(), baselineDuration);
            base = new OpenLoopRun(b, "baseline", true, serverCpu).execute(workload.plan(mix.withoutUnique(), b.requestCount(), random));
            out.print(ReportFormat.text(base));
            out.print(ReportFormat.comparisonText(check, base));
            json.put("baseline", ReportFormat.json(base));
            json.put("comparison", ReportFormat.comparison(check, base));
            failures += base.failures();
        }
        json.put("warmup_unexpected", warmupUnexpected);
        if (smoke) {
            // CI runs on shared machines: a rare stall may time out or drop a request, which is printed; a wrong
            // status, a transport error, or more than 1 % lost (a hung service) fails.
            long wrong = check.unexpected() + check.errors() + warmupUnexpected
                    + (base == null ? 0 : base.unexpected() + base.errors());
            DecisionTally tally = DecisionTally.of(base == null ? List.of(check) : List.of(check, base));
            boolean ok = wrong == 0 && tally.lostWithinTolerance();
            out.printf(Locale.ROOT, "%s: %d unexpected statuses or errors, %d of %d requests timed out or dropped; throughput %.1f/s "
                    + "(requested %.0f/s; printed, not asserted)%n", ok ? "SMOKE PASSED" : "SMOKE FAILED", wrong, tally.lost(),
                    tally.planned(), check.achievedRate(), check.requestedRate());
            return ok ? 0 : 1;
        }
        boolean ok = failures == 0;
        out.println(ok ? "PASSED: every request got its expected status"
                : "FAILED: " + failures + " requests did not get their expected status "
                + "(unexpected statuses, timeouts, errors or drops; see above)");
        return ok ? 0 : 1;
    }

    private int steps(Arguments a, RunSettings settings, Workload workload, Mix mix, Random random, Duration warmup,
                      Duration baselineDuration, boolean baseline, Map<String, Object> json) {
        List<Double> rates = RateSteps.parse(a.required("rate-steps"));
        Duration stepDuration = a.duration("step-duration", Duration.ofSeconds(5));
        if (stepDuration.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new Arguments.UsageException("--step-duration is at most 5m");
        }
        RateSteps search = new RateSteps(a.number("max-p99", 10), a.number("max-failure-rate", 0.001), stepDuration,
                a.integer("step-attempts", 2));
        long unexpected = warmup(settings.at(rates.getFirst(), settings.duration()), workload, mix, random, warmup);
        out.println("step mode: " + settings.path());
        List<RateSteps.Step> check = search.climb(settings, "check", false, rates, workload, mix, random, serverCpu, out);
        double highCheck = RateSteps.highestSustained(check);
        json.put("step_bounds", Map.of("max_p99_ms", a.number("max-p99", 10), "max_failure_rate",
                a.number("max-failure-rate", 0.001), "step_seconds", stepDuration.toMillis() / 1000.0));
        json.put("check_steps", stepsJson(check));
        json.put("highest_sustained_check", highCheck);
        unexpected += check.stream().mapToLong(s -> s.result().unexpected()).sum();
        out.printf(Locale.ROOT, "highest sustained rate, %s: %.0f/s%n", settings.path(), highCheck);
        if (baseline) {
            out.println("step mode: " + LoadtestConfig.BASELINE_PATH);
            List<RateSteps.Step> base = search.climb(settings.onPath(LoadtestConfig.BASELINE_PATH), "baseline", true, rates,
                    workload, mix.withoutUnique(), random, serverCpu, out);
            double highBase = RateSteps.highestSustained(base);
            json.put("baseline_steps", stepsJson(base));
            json.put("highest_sustained_baseline", highBase);
            unexpected += base.stream().mapToLong(s -> s.result().unexpected()).sum();
            out.printf(Locale.ROOT, "highest sustained rate, %s: %.0f/s%s%n", LoadtestConfig.BASELINE_PATH, highBase,
                    highBase > 0 ? String.format(Locale.ROOT, "; check / baseline = %.2f", highCheck / highBase) : "");
            if (highBase > 0) {
                json.put("sustained_ratio", highCheck / highBase);
            }
            if (highBase >= rates.getLast()) {
                out.println("note: the baseline sustained the highest step; raise MAX to find its limit");
            }
        }
        if (highCheck > 0) {
            double half = highCheck / 2;
            out.printf(Locale.ROOT, "at half the highest sustained rate (%.0f/s) for %s:%n", half, settings.duration());
            RunSettings h = settings.at(half, settings.duration());
            RunResult r = new OpenLoopRun(h, "check", false, serverCpu).execute(workload.plan(mix, h.requestCount(), random));
            out.print(ReportFormat.text(r));
            Map<String, Object> halfJson = new LinkedHashMap<>();
            halfJson.put("check", ReportFormat.json(r));
            unexpected += r.unexpected();
            if (baseline) {
                RunSettings b = h.onPath(LoadtestConfig.BASELINE_PATH).at(half, baselineDuration);
                RunResult base = new OpenLoopRun(b, "baseline", true, serverCpu).execute(workload.plan(mix.withoutUnique(), b.requestCount(), random));
                out.print(ReportFormat.text(base));
                out.print(ReportFormat.comparisonText(r, base));
                halfJson.put("baseline", ReportFormat.json(base));
                halfJson.put("comparison", ReportFormat.comparison(r, base));
                unexpected += base.unexpected();
            }
            json.put("half_rate", halfJson);
        }
        json.put("unexpected_total", unexpected);
        out.println(unexpected == 0 ? "no unexpected statuses in any step" : "FAILED: " + unexpected + " unexpected statuses");
        return unexpected == 0 ? 0 : 1;
    }

    /** An unmeasured run at the same rate (no fresh unique tokens needed); returns its unexpected statuses. */
    private long warmup(RunSettings settings, Workload workload, Mix mix, Random random, Duration warmup) {
        if (warmup.isZero()) {
            return 0;
        }
        RunSettings w = settings.at(settings.rate(), warmup);
        RunResult r = new OpenLoopRun(w, "warm-up", false).execute(workload.plan(mix.withoutUnique(), w.requestCount(), random));
        out.printf(Locale.ROOT, "warm-up: %s at %.0f/s, %d requests, %d unexpected, %d failures%n", warmup, w.rate(),
                r.sent(), r.unexpected(), r.failures());
        return r.unexpected();
    }

    private static List<Object> stepsJson(List<RateSteps.Step> steps) {
        List<Object> list = new ArrayList<>();
        for (RateSteps.Step s : steps) {
            Map<String, Object> m = ReportFormat.json(s.result());
            m.put("sustained", s.sustained());
            m.put("verdict", s.verdict());
            list.add(m);
        }
        return list;
    }
}
