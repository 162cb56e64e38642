package io.tokencheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokencheck.issuerkit.IssuerKit;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: exit codes 0 allow, 1 deny, 2 usage or configuration error; offline verification. */
class MainTest {
    private static final long MINTED_AT = 1_767_225_600L;

    @TempDir
    static Path dir;

    private static IssuerKit kit;
    private static Path config;

    /** What one run printed and returned. */
    private record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void writeOfflineConfig() throws Exception {
        kit = IssuerKit.generate("https://issuer.example.test", Clock.fixed(Instant.ofEpochSecond(MINTED_AT), ZoneOffset.UTC));
        Files.writeString(dir.resolve("jwks.json"), kit.publicJwksJson());
        config = dir.resolve("tokencheck.yaml");
        Files.writeString(config, """
                issuers:
                  - name: offline
                    issuer: https://issuer.example.test
                    jwks_file: jwks.json
                    audiences: [api://default]
                policies:
                  default: {}
                  admin: { scopes: [admin] }
                """);
    }

    private static Run run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void verifyAllowsAtTheRecordedTimeWithExitCodeZero() {
        String token = kit.token().sign();
        Run r = run("", "verify", "--config", config.toString(), "--at", Long.toString(MINTED_AT + 10), "--token", token);
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(r.out()).contains("\"allow\":true").contains("\"sub\":\"user-1001\"");
    }

    @Test
    void verifyDeniesTheSameTokenOnceExpiredWithExitCodeOne() {
        String token = kit.token().sign();
        Run r = run("", "verify", "--config", config.toString(), "--at", Long.toString(MINTED_AT + 3600), "--token", token);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("\"allow\":false").contains("\"reason\":\"token_expired\"");
    }

    @Test
    void verifyReadsTheTokenFromStdinAndAppliesThePolicy() {
        Run r = run(kit.token().sign() + "\n", "verify", "--config", config.toString(), "--policy", "admin",
                "--at", Long.toString(MINTED_AT));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("\"reason\":\"scope_insufficient\"").contains("\"error\":\"insufficient_scope\"");
    }

    @Test
    void badConfigurationIsExitCodeTwoWithOneLine() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "issuers:\n  - issuer: https://x.example\n    jwks_uri: https://x.example/jwks\n    audience: [a]\n");
        Run r = run("", "verify", "--config", bad.toString(), "--token", "a.b.c");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
        assertThat(r.err()).contains("bad.yaml").contains("audience").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aJwksFileThatIsNotAJwksIsAConfigurationErrorForServeAndVerify() throws Exception {
        for (String body : new String[] {"not json", "{\"keys\": 5}", "{\"keys\": []}"}) {
            Path jwks = dir.resolve("broken-jwks.json");
            Files.writeString(jwks, body);
            Path broken = dir.resolve("broken.yaml");
            Files.writeString(broken, Files.readString(config).replace("jwks_file: jwks.json", "jwks_file: broken-jwks.json"));
            Run serve = run("", "serve", "--config", broken.toString());
            Run verify = run("", "verify", "--config", broken.toString(), "--token", "a.b.c");
            for (Run r : new Run[] {serve, verify}) {
                assertThat(r.code()).as(body + ": " + r.err()).isEqualTo(2);
                assertThat(r.err().strip().lines().count()).isEqualTo(1);
                assertThat(r.err()).contains("broken.yaml: issuers[0].jwks_file: JWKS file").doesNotContain("Exception");
            }
        }
    }

    @Test
    void missingConfigFileIsExitCodeTwo() {
        Run r = run("", "serve", "--config", dir.resolve("nope.yaml").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("nope.yaml");
    }

    @Test
    void usageErrorsAreExitCodeTwo() {
        assertThat(run("").code()).isEqualTo(2);
        assertThat(run("", "frobnicate").code()).isEqualTo(2);
        assertThat(run("", "verify", "--config").code()).isEqualTo(2);
        assertThat(run("", "verify", "--bogus", "x").code()).isEqualTo(2);
        assertThat(run("", "verify", "--config", config.toString(), "--at", "yesterday", "--token", "a.b.c").code()).isEqualTo(2);
        assertThat(run("", "verify", "--config", config.toString(), "--policy", "nope", "--token", "a.b.c").code()).isEqualTo(2);
        assertThat(run("", "verify", "--config", config.toString()).code()).as("no token on stdin").isEqualTo(2);
    }

    @Test
    void garbageTokenIsADenyNotACrash() {
        Run r = run("", "verify", "--config", config.toString(), "--token", "\u0000\u0001garbage");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("\"reason\":\"token_malformed\"");
        assertThat(r.err()).doesNotContain("Exception");
    }

    @Test
    void serveOnAPortInUseIsExitCodeTwoWithOneLine() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Path busy = dir.resolve("busy.yaml");
            Files.writeString(busy, Files.readString(config) + "server:\n  host: 127.0.0.1\n  port: " + taken.getLocalPort() + "\n");
            Run r = run("", "serve", "--config", busy.toString());
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err().strip().lines().count()).isEqualTo(1);
            assertThat(r.err()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()).doesNotContain("\tat ");
        }
    }
}
