package io.tokencheck.cli;

import io.tokencheck.Tokencheck;
import io.tokencheck.config.ConfigException;
import io.tokencheck.config.TokencheckConfig;
import io.tokencheck.decision.Decision;
import io.tokencheck.http.DecisionJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** verify: one token, offline (jwks_file, hmac_secrets) or online; prints the same JSON as POST /v1/verify. */
final class VerifyCommand {

    int run(CommandLine cl, InputStream in, PrintStream out, PrintStream err) throws UsageException {
        cl.allowOnly("config", "policy", "at", "token");
        TokencheckConfig config;
        try {
            config = ConfigArgument.load(cl);
        } catch (ConfigException e) {
            err.println("tokencheck: " + e.getMessage());
            return 2;
        }
        Clock clock = cl.has("at")
                ? Clock.fixed(Instant.ofEpochSecond(cl.longValue("at")), ZoneOffset.UTC)
                : Clock.systemUTC();
        String policy = cl.get("policy");
        if (policy != null && !config.policies().containsKey(policy)) {
            err.println("tokencheck: no policy named \"" + policy + "\" in the configuration");
            return 2;
        }
        String token = cl.has("token") ? cl.get("token") : readToken(in, config.limits().maxTokenBytes());
        if (token == null || token.isEmpty()) {
            throw new UsageException("no token: give --token TOKEN or pipe it on stdin");
        }
        try (Tokencheck core = Tokencheck.create(config, clock)) {
            // Discovery plus a JWKS fetch, each bounded by the configured timeouts.
            Duration wait = config.jwks().connectTimeout().plus(config.jwks().readTimeout()).multipliedBy(2);
            if (!core.awaitReady(wait)) {
                err.println("tokencheck: warning: not every issuer has usable keys (" + core.readiness() + ")");
            }
            Decision decision = core.checker().check(token, policy);
            out.println(DecisionJson.of(decision));
            return decision instanceof Decision.Allow ? 0 : 1;
        }
    }

    /** The token from stdin: the first line, trimmed; bounded so that a huge input cannot exhaust memory. */
    private static String readToken(InputStream in, int maxTokenBytes) {
        try {
            byte[] bytes = in.readNBytes(maxTokenBytes + 2);
            String s = new String(bytes, StandardCharsets.US_ASCII).strip();
            int nl = s.indexOf('\n');
            return nl >= 0 ? s.substring(0, nl).strip() : s;
        } catch (IOException e) {
            return null;
        }
    }
}
