package io.tokencheck.loadtest;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Step mode: runs at rising rates and stops at the first step that is not sustained (p99 above the bound, failure
 * rate above the bound, or an achieved rate below 95 % of the requested one). The highest sustained rate is the
 * last step that passed.
 */
public final class RateSteps {
    /** The most steps one search makes (the search is bounded in count as well as per-step time). */
    public static final int MAX_STEPS = 60;

    private final double maxP99Millis;
    private final double maxFailureRate;
    private final Duration stepDuration;
    private final int attempts;

    /** One step's result and verdict. */
    public record Step(RunResult result, boolean sustained, String verdict) {
    }

    /** Bounds, the length of each step, and how many attempts a step gets before the search stops (1 to 5). */
    public RateSteps(double maxP99Millis, double maxFailureRate, Duration stepDuration, int attempts) {
        if (attempts < 1 || attempts > 5) {
            throw new IllegalArgumentException("step attempts must be 1 to 5");
        }
        this.maxP99Millis = maxP99Millis;
        this.maxFailureRate = maxFailureRate;
        this.stepDuration = stepDuration;
        this.attempts = attempts;
    }

    /** "1000:500:8000" (start:increment:max) or "500,1000,2000" (explicit list). */
    public static List<Double> parse(String spec) {
        List<Double> rates = new ArrayList<>();
        try {
            if (spec.contains(":")) {
                String[] p = spec.split(":");
                if (p.length != 3) {
                    throw new NumberFormatException();
                }
                double start = Double.parseDouble(p[0]);
                double step = Double.parseDouble(p[1]);
                double max = Double.parseDouble(p[2]);
                if (!(start > 0) || !(step > 0) || max < start) {
                    throw new NumberFormatException();
                }
                for (double r = start; r <= max + 1e-9 && rates.size() <= MAX_STEPS; r += step) {
                    rates.add(r);
                }
            } else {
                for (String s : spec.split(",")) {
                    double r = Double.parseDouble(s.trim());
                    if (!(r > 0) || (!rates.isEmpty() && r <= rates.getLast())) {
                        throw new NumberFormatException();
                    }
                    rates.add(r);
                }
            }
        } catch (NumberFormatException e) {
            throw new Arguments.UsageException("--rate-steps must be START:INCREMENT:MAX or a rising list R1,R2,... of rates above 0");
        }
        if (rates.size() > MAX_STEPS) {
            throw new Arguments.UsageException("--rate-steps gives more than " + MAX_STEPS + " steps");
        }
        return rates;
    }

    /** Climbs the rates against settings' path, printing one line per step; stops at the first unsustained step. */
    public List<Step> climb(RunSettings settings, String label, boolean baseline, List<Double> rates, Workload workload,
                            Mix mix, Random random, ServerCpu serverCpu, PrintStream out) {
        List<Step> steps = new ArrayList<>();
        for (double rate : rates) {
            Step step = null;
            // A step that fails is tried again up to attempts times: on a shared machine one neighbour's burst
            // should not end the search. Every attempt is reported.
            for (int attempt = 1; attempt <= attempts && (step == null || !step.sustained()); attempt++) {
                RunSettings s = settings.at(rate, stepDuration);
                Plan plan = workload.plan(mix, s.requestCount(), random);
                RunResult r = new OpenLoopRun(s, label, baseline, serverCpu).execute(plan);
                step = judge(r);
                steps.add(step);
                LatencySummary l = r.latency();
                out.printf(Locale.ROOT, "  %-8s %7.0f/s -> %8.1f/s  p50 %7.3f  p99 %7.3f  p99.9 %7.3f ms  failures %d  unexpected %d%s  %s%n",
                        label, rate, r.achievedRate(), l.p50(), l.p99(), l.p999(), r.failures(), r.unexpected(),
                        (r.serverCpuSeconds() < 0 ? "" : String.format(Locale.ROOT, "  service %.0f us/req", r.serverCpuMicrosPerRequest()))
                                + String.format(Locale.ROOT, "  lag max %.0f ms", r.generatorLag().maxMillis()),
                        step.verdict());
                out.flush();
            }
            if (!step.sustained()) {
                break;
            }
        }
        return steps;
    }

    /** Whether one step's result is sustained under the bounds. */
    public Step judge(RunResult r) {
        if (r.failureRate() > maxFailureRate) {
            return new Step(r, false, String.format(Locale.ROOT, "NOT sustained: failure rate %.4f > %.4f", r.failureRate(), maxFailureRate));
        }
        if (r.latency().p99() > maxP99Millis) {
            return new Step(r, false, String.format(Locale.ROOT, "NOT sustained: p99 %.3f ms > %.3f ms", r.latency().p99(), maxP99Millis));
        }
        if (r.achievedRate() < 0.95 * r.requestedRate()) {
            return new Step(r, false, String.format(Locale.ROOT, "NOT sustained: achieved %.0f/s < 95%% of %.0f/s", r.achievedRate(), r.requestedRate()));
        }
        return new Step(r, true, "sustained");
    }

    /** The highest rate among sustained steps, 0 if none. */
    public static double highestSustained(List<Step> steps) {
        return steps.stream().filter(Step::sustained).mapToDouble(s -> s.result().requestedRate()).max().orElse(0);
    }
}
