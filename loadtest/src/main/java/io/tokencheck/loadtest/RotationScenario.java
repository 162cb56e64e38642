package io.tokencheck.loadtest;

import io.tokencheck.issuerkit.IssuerKit;
import io.tokencheck.issuerkit.JwksServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Sustained traffic while the issuer rotates its RS256 key, in five phases back to back:
 * <ol>
 * <li>before: tokens signed by the old key (rsa-1);
 * <li>published: the new key joins the JWKS; nothing is signed with it yet, tokens are still the old key's;
 * <li>switched: new tokens are signed with the new key, and tokens of the old key issued earlier (the same cached
 *     tokens, and fresh ones) are still presented: both must be allowed;
 * <li>retiring: the old key leaves the JWKS; only new-key tokens are sent, for at least {@link ScenarioTimings#settle};
 * <li>after: new-key tokens (allowed) and the old key's tokens, the earlier cached ones included, now of kind
 *     retired_key (must be denied).
 * </ol>
 * A token must be allowed when its key has been in the published JWKS for at least settle when it is sent, and
 * denied when its key has been out of it for at least settle; the phases send no token whose key changed more
 * recently, because tokencheck may rightly answer either way then. The new key's tokens are minted before it is
 * published (minting is slow), but none is sent before the published phase has run its course.
 */
final class RotationScenario implements Scenario {
    /** The kid of the key rotated in. */
    static final String NEW_KID = "rsa-2";

    @Override
    public String name() {
        return "rotation";
    }

    @Override
    public ScenarioResult run(PhaseRunner runner) {
        ScenarioSettings s = runner.settings();
        IssuerKit kit = runner.env().kit();
        JwksServer jwks = runner.env().jwks();
        Duration part = s.duration().dividedBy(5);
        Duration settle = timings().settle();
        Duration published = Scenario.atLeast(part, settle);
        Duration retiring = Scenario.atLeast(part, settle);
        // Keys are generated before the first phase (an RSA key takes a while); the served JWKS changes only at events.
        kit.addRsa(NEW_KID, null, 2048);
        String withNew = kit.publicJwksJson();
        kit.unpublish(IssuerKit.RSA_KID);
        String withoutOld = kit.publicJwksJson();
        TokenMinter oldMinter = runner.minter();
        Workload oldKey = new MintedWorkload(oldMinter);
        Workload newKey = new MintedWorkload(oldMinter.withKid(NEW_KID));
        Mix valid = s.mix().allowedOnly();
        Random random = runner.random();

        Plan before = oldKey.plan(s.mix(), runner.requests(part), random);
        Plan publishing = oldKey.plan(s.mix(), runner.requests(published), random);
        int n = runner.requests(part);
        Plan switched = Plan.interleave(newKey.plan(s.mix(), n / 2, random), oldKey.plan(valid, n - n / 2, random), random);
        Plan retire = newKey.plan(s.mix(), runner.requests(retiring), random);
        Plan after = Plan.interleave(newKey.plan(s.mix(), n / 2, random),
                oldKey.plan(valid, n - n / 2, random).as(TokenKind.RETIRED_KEY), random);

        List<Phase> phases = new ArrayList<>();
        if (!s.warmup().isZero()) {
            phases.add(runner.warmUp(oldKey.plan(s.mix().withoutUnique(), runner.requests(s.warmup()), random), null));
        }
        Phase p1 = runner.run("before", "old key " + IssuerKit.RSA_KID + " signs", before);
        jwks.publishJwks(withNew);
        Phase p2 = runner.run("published", "new key " + NEW_KID + " published, not used", publishing);
        Phase p3 = runner.run("switched", "new tokens signed by " + NEW_KID + ", old ones still used", switched);
        jwks.publishJwks(withoutOld);
        Phase p4 = runner.run("retiring", IssuerKit.RSA_KID + " removed from the JWKS", retire);
        Phase p5 = runner.run("after", IssuerKit.RSA_KID + " tokens now retired_key", after);
        phases.addAll(List.of(p1, p2, p3, p4, p5));

        List<String> failures = new ArrayList<>();
        RunResult.KindCounts retired = p5.traffic().kinds().get(TokenKind.RETIRED_KEY.id());
        if (retired == null || retired.sent() == 0) {
            failures.add("no token of the removed key was sent after its removal (raise --rate)");
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("old_kid", IssuerKit.RSA_KID);
        facts.put("new_kid", NEW_KID);
        facts.put("settle_ms", settle.toMillis());
        facts.put("retired_key_tokens_sent_after_removal", retired == null ? 0 : retired.sent());
        facts.put("retired_key_deny_reasons", retired == null ? Map.of() : retired.reasons());
        Map<String, LatencySummary> windows = new LinkedHashMap<>();
        windows.put("before", Phase.latency(List.of(p1)));
        windows.put("during", Phase.latency(List.of(p2, p3, p4)));
        windows.put("after", Phase.latency(List.of(p5)));
        return new ScenarioResult(name(), phases, windows, facts, ScenarioResult.Verdict.of(phases, failures));
    }
}
