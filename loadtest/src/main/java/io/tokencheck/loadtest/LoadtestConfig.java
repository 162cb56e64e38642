package io.tokencheck.loadtest;

/** What tokencheck must be configured with to answer the workload: one issuer, its audience, one policy needing a scope. */
public final class LoadtestConfig {
    /** The audience of every valid token. */
    public static final String AUDIENCE = "api://loadtest";
    /** The policy the workload is checked against; it requires {@link #SCOPE}. */
    public static final String POLICY = "loadtest";
    /** The scope the policy requires (missing_scope tokens lack it). */
    public static final String SCOPE = "loadtest:read";
    /** The path every workload request goes to. */
    public static final String CHECK_PATH = "/check/" + POLICY;
    /** The empty endpoint of the same server: the baseline that prices the check. */
    public static final String BASELINE_PATH = "/health/live";
    /** The issuer of token files written by mint (any string; it is never fetched). */
    public static final String FILE_ISSUER = "https://loadtest.tokencheck.invalid";

    private LoadtestConfig() {
    }

    /** The YAML template for {@code DemoEnvironment.start(template, true)}: keys from the demo issuer's JWKS URL. */
    public static String embeddedTemplate() {
        return """
                # tokencheck configuration for the loadtest workload (embedded run)
                server:
                  host: 127.0.0.1
                  port: 0
                issuers:
                  - name: loadtest
                    issuer: ${ISSUER}
                    jwks_uri: ${JWKS_URI}
                    audiences: [%s]
                %s""".formatted(AUDIENCE, policies());
    }

    /**
     * The template of the scenarios: short key-fetching intervals so that refreshes, unknown-kid refetches and
     * retries happen within seconds, keys fresh for ttl (so a removed key is noticed within about ttl), and a
     * max_staleness far beyond any scenario (an outage never outlives the last good keys).
     */
    public static String scenarioTemplate(ScenarioTimings t) {
        return """
                # tokencheck configuration for the loadtest scenarios (embedded)
                server:
                  host: 127.0.0.1
                  port: 0
                jwks:
                  default_ttl: %1$dms
                  min_ttl: %1$dms
                  max_ttl: %1$dms
                  max_staleness: %2$ds
                  unknown_kid_min_interval: %3$dms
                  request_wait: %4$dms
                  connect_timeout: 500ms
                  read_timeout: %5$dms
                  retry_interval: 500ms
                  max_retry_interval: 2s
                issuers:
                  - name: loadtest
                    issuer: ${ISSUER}
                    jwks_uri: ${JWKS_URI}
                    audiences: [%6$s]
                %7$s""".formatted(t.ttl().toMillis(), t.maxStaleness().toSeconds(), t.unknownKidInterval().toMillis(),
                t.requestWait().toMillis(), t.readTimeout().toMillis(), AUDIENCE, policies());
    }

    /** The configuration written by mint: keys from the JWKS file written beside it, so no JWKS server must run. */
    public static String fileConfig(String issuer, String jwksFileName, int port) {
        return """
                # tokencheck configuration for a loadtest token file (written by `loadtest mint`).
                # Start: java -jar service/target/tokencheck.jar serve --config <this file>
                server:
                  host: 127.0.0.1
                  port: %d
                issuers:
                  - name: loadtest
                    issuer: %s
                    jwks_file: %s
                    audiences: [%s]
                %s""".formatted(port, issuer, jwksFileName, AUDIENCE, policies());
    }

    private static String policies() {
        return """
                policies:
                  default: {}
                  %s:
                    scopes: [%s]
                """.formatted(POLICY, SCOPE);
    }
}
