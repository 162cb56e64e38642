package io.tokencheck.loadtest;

import java.time.Duration;
import java.util.Locale;

/** A load scenario with an event (a flood, a key rotation, an outage) against the embedded tokencheck. */
sealed interface Scenario permits HostileScenario, RotationScenario, OutageScenario {
    /** Valid tokens outlive any scenario (at most 5 minutes) by far. */
    Duration VALIDITY = Duration.ofHours(1);

    /** The name on the command line. */
    String name();

    /** The key-fetching intervals tokencheck is configured with for this scenario (default: keys fresh for 1 s). */
    default ScenarioTimings timings() {
        return ScenarioTimings.KEY_EVENTS;
    }

    /** The steady traffic's mix unless --mix is given (default: the run default, every kind). */
    default String defaultMix() {
        return Mix.DEFAULT;
    }

    /** Runs the phases (the runner's environment is started with {@link #timings()}) and judges them. */
    ScenarioResult run(PhaseRunner runner);

    /** The scenario of this name. */
    static Scenario named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "hostile" -> new HostileScenario();
            case "rotation" -> new RotationScenario();
            case "outage" -> new OutageScenario();
            default -> throw new Arguments.UsageException("unknown scenario \"" + name + "\" (hostile, rotation or outage)");
        };
    }

    /** The longer of two durations. */
    static Duration atLeast(Duration d, Duration min) {
        return d.compareTo(min) < 0 ? min : d;
    }
}
