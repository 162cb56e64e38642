package io.tokencheck.cli;

import io.tokencheck.DemoEnvironment;
import io.tokencheck.keys.JwsAlgorithm;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** demo: a demo issuer and tokencheck on loopback, with a sample token and ready-to-paste curl commands. */
final class DemoCommand {

    int run(CommandLine cl, PrintStream out) throws UsageException {
        cl.allowOnly("port");
        int port = cl.has("port") ? (int) cl.longValue("port") : 8080;
        DemoEnvironment demo;
        try {
            demo = DemoEnvironment.start(port);
        } catch (IllegalStateException e) {
            if (port == 0) {
                throw e;
            }
            out.println("port " + port + " is not free; using a random port instead (choose one with --port)");
            demo = DemoEnvironment.start(0);
        }
        out.print(instructions(demo));
        out.flush();
        DemoEnvironment running = demo;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "tokencheck-demo-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** What the demo prints: a valid token and curl commands for an allow, a 401 and a 403. */
    static String instructions(DemoEnvironment demo) {
        String base = demo.server().baseUrl();
        String token = demo.kit().token().audience(DemoEnvironment.AUDIENCE).scope("read write")
                .expiresIn(Duration.ofHours(1)).sign();
        String es = demo.kit().token().alg(JwsAlgorithm.ES256).audience(DemoEnvironment.AUDIENCE).scope("read")
                .expiresIn(Duration.ofHours(1)).sign();
        String expired = demo.kit().token().audience(DemoEnvironment.AUDIENCE).claim("iat", 1_600_000_000L)
                .claim("nbf", 1_600_000_000L).claim("exp", 1_600_000_300L).sign();
        return """
                tokencheck demo is running (stop it with Ctrl-C)
                  tokencheck:   %1$s   (config: %2$s)
                  demo issuer:  %3$s   (JWKS %3$s/jwks.json, discovery %3$s/.well-known/openid-configuration)

                A valid RS256 token (aud %4$s, scope "read write", valid for 1 hour):
                TOKEN=%5$s

                An ES256 token: ES_TOKEN=%6$s

                Allowed (200 with X-Auth-Subject, X-Auth-Issuer, X-Auth-Scopes, X-Auth-Client-Id):
                  curl -i -H "Authorization: Bearer $TOKEN" %1$s/check

                Denied, no token (401, WWW-Authenticate: Bearer realm="tokencheck"):
                  curl -i %1$s/check

                Denied, expired (401, error="invalid_token"):
                  curl -i -H "Authorization: Bearer %7$s" %1$s/check

                Denied, missing scope admin (403, error="insufficient_scope", scope="admin"):
                  curl -i -H "Authorization: Bearer $TOKEN" %1$s/check/admin

                The JSON API:
                  curl -s -X POST -H 'Content-Type: application/json' -d "{\\"token\\":\\"$TOKEN\\"}" %1$s/v1/verify

                Health and metrics:
                  curl -i %1$s/health/ready
                  curl -s %1$s/metrics | grep tokencheck_
                """.formatted(base, demo.configFile(), demo.jwks().baseUrl(), DemoEnvironment.AUDIENCE, token, es, expired);
    }
}
