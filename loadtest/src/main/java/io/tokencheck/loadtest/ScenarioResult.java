package io.tokencheck.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a scenario did: its phases in order, the valid traffic's latency per window (e.g. before, during and after
 * the event; the first is the reference of the ratios), the scenario's own facts (fetch counts, bounds, keys) and
 * the verdict.
 */
record ScenarioResult(String scenario, List<Phase> phases, Map<String, LatencySummary> windows,
                      Map<String, Object> facts, Verdict verdict) {

    /**
     * Pass or fail, with the wrong decisions over every phase (flood and warm-up included), the steady traffic of
     * the measured phases alone, and each reason it failed.
     */
    record Verdict(DecisionTally decisions, DecisionTally steady, List<String> failures) {
        /**
         * The verdict on these phases: no wrong allow, deny or status and no transport error in any of them, at most
         * 1 % of the steady traffic of the measured phases lost (a valid token that times out is denied by a
         * gateway; the flood may overload and lose requests, which is reported, not judged), and none of the
         * scenario's own failures.
         */
        static Verdict of(List<Phase> phases, List<String> scenarioFailures) {
            List<RunResult> runs = phases.stream().flatMap(p -> p.runs().stream()).toList();
            DecisionTally t = DecisionTally.of(runs);
            DecisionTally steady = DecisionTally.of(phases.stream().filter(Phase::measured).map(Phase::traffic).toList());
            List<String> failures = new ArrayList<>();
            if (t.wrongAllows() > 0) {
                failures.add(t.wrongAllows() + " tokens that must be denied were allowed");
            }
            if (t.wrongDenies() > 0) {
                failures.add(t.wrongDenies() + " valid tokens were denied");
            }
            if (t.wrongStatus() > 0) {
                failures.add(t.wrongStatus() + " denies had another status than their kind's");
            }
            if (t.errors() > 0) {
                failures.add(t.errors() + " requests failed with a transport error");
            }
            if (!steady.lostWithinTolerance()) {
                failures.add(steady.lost() + " of " + steady.planned()
                        + " requests of the steady traffic timed out or were dropped (over 1 %)");
            }
            failures.addAll(scenarioFailures);
            return new Verdict(t, steady, List.copyOf(failures));
        }

        boolean passed() {
            return failures.isEmpty();
        }
    }
}
