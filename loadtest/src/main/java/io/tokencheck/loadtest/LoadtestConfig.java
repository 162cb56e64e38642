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
