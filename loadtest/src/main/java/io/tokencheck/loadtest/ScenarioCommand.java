package io.tokencheck.loadtest;

import io.tokencheck.DemoEnvironment;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * scenario hostile|rotation|outage: starts tokencheck in-process with a minted issuer and the scenario's short
 * key-fetching intervals, runs the scenario's phases, prints the summary, writes the JSON report, and stops both
 * servers. Exit 0 when the verdict passed, 1 when it failed.
 */
final class ScenarioCommand {
    private static final Set<String> VALUES = Set.of("rate", "duration", "flood-rate", "mix", "flood-mix", "warmup",
            "max-in-flight", "connections", "timeout", "seed", "report", "max-fetches");
    private static final Set<String> FLAGS = Set.of("slow-outage");

    private final PrintStream out;

    ScenarioCommand(PrintStream out) {
        this.out = out;
    }

    int run(String[] args) {
        if (args.length == 0 || args[0].startsWith("--")) {
            throw new Arguments.UsageException("name a scenario: hostile, rotation or outage");
        }
        Scenario scenario = Scenario.named(args[0]);
        Arguments a = Arguments.parse(Arrays.copyOfRange(args, 1, args.length), FLAGS, VALUES);
        int maxInFlight = a.integer("max-in-flight", 256);
        ScenarioSettings s = new ScenarioSettings(a.number("rate", 200), a.duration("duration", Duration.ofSeconds(20)),
                a.number("flood-rate", 1000), Mix.parse(a.string("mix", scenario.defaultMix())),
                Mix.parse(a.string("flood-mix", HostileScenario.FLOOD_MIX)), a.duration("warmup", Duration.ofSeconds(2)),
                maxInFlight, a.integer("connections", maxInFlight), a.duration("timeout", Duration.ofSeconds(2)),
                a.integer("seed", 1), a.integer("max-fetches", -1), a.flag("slow-outage"));
        if (a.flag("slow-outage") && !(scenario instanceof OutageScenario)) {
            throw new Arguments.UsageException("--slow-outage is for the outage scenario");
        }
        Path report = Path.of(a.string("report", "loadtest-" + scenario.name() + ".json"));
        out.printf(Locale.ROOT, "scenario %s: valid traffic %.0f/s (mix %s) for %s%s; starting tokencheck in-process ...%n",
                scenario.name(), s.rate(), s.mix(), s.duration(), scenario instanceof HostileScenario
                        ? String.format(Locale.ROOT, ", flood %.0f/s (mix %s)", s.floodRate(), s.floodMix()) : "");
        ScenarioResult result;
        try (DemoEnvironment env = DemoEnvironment.start(LoadtestConfig.scenarioTemplate(scenario.timings()), true)) {
            result = scenario.run(new PhaseRunner(env, s, out));
        }
        out.print(ScenarioReport.text(result));
        Map<String, Object> json = ScenarioReport.json(result, s, scenario.timings());
        try {
            Files.writeString(report, JsonText.write(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println("report: " + report.toAbsolutePath());
        return result.verdict().passed() ? 0 : 1;
    }
}
