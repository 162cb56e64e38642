package io.tokencheck.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * k6 is not installed in CI: every k6 script must parse as an ES module, and, run under stub k6 modules against a
 * token file that mint wrote, must send requests carrying the file's tokens to its check path and see every check
 * pass (so the fields the scripts read are the ones mint writes).
 */
class K6ScriptsTest {
    private static final Path K6 = Path.of(System.getProperty("k6.dir", "../k6")).toAbsolutePath().normalize();

    @TempDir
    static Path dir;
    static Path tokens;

    @BeforeAll
    static void mintTokenFile() {
        tokens = dir.resolve("tokens.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"mint", "--count", "250", "--out", tokens.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
    }

    @Test
    void everyScriptInTheK6FolderParsesAsAnEsModule() throws Exception {
        List<Path> scripts;
        try (Stream<Path> s = Files.walk(K6)) {
            scripts = s.filter(p -> p.toString().endsWith(".js")).toList();
        }
        assertThat(scripts).extracting(p -> K6.relativize(p).toString())
                .contains("check.js", "spike.js", "soak.js", "lib/workload.js");
        for (Path script : scripts) {
            Result r = node(script.getParent(), script, "--input-type=module", "--check");
            assertThat(r.code()).as(script + ": " + r.output()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"check.js", "spike.js", "soak.js"})
    void scriptSendsTheFilesTokensAndEveryCheckPasses(String script) throws Exception {
        Map<String, Object> summary = runUnderStubs(K6.resolve(script), tokens);
        assertThat(summary.get("problems")).asList().isEmpty();
        assertThat(((Number) summary.get("requests")).intValue()).isGreaterThanOrEqualTo(300);
        Map<?, ?> checks = (Map<?, ?>) summary.get("checks");
        assertThat(((Number) checks.get("failed")).intValue()).isZero();
        assertThat(((Number) checks.get("passed")).intValue()).isGreaterThanOrEqualTo(300);
        assertThat(((Number) summary.get("unexpected")).intValue()).isZero();
        Map<?, ?> kinds = (Map<?, ?>) summary.get("kinds");
        assertThat(kinds.keySet().stream().map(String::valueOf).toList())
                .containsExactlyInAnyOrderElementsOf(Mix.parse(Mix.DEFAULT).weights().keySet().stream().map(TokenKind::id).toList());
    }

    @Test
    void aTokenFileWithoutTheExpectedStatusFieldFailsTheChecks() throws Exception {
        // Proves the harness would notice a script reading a field that mint does not write.
        Path renamed = dir.resolve("renamed.json");
        Files.writeString(renamed, Files.readString(tokens).replace("\"expected_status\": ", "\"expected\": "));
        Map<String, Object> summary = runUnderStubs(K6.resolve("check.js"), renamed);
        Map<?, ?> checks = (Map<?, ?>) summary.get("checks");
        assertThat(((Number) checks.get("passed")).intValue()).isZero();
        assertThat(summary.get("problems")).asList().isNotEmpty();
    }

    private static Map<String, Object> runUnderStubs(Path script, Path tokenFile) throws Exception {
        Path stub = stubDir();
        Result r = node(stub, null, "--import", stub.resolve("register.mjs").toUri().toString(),
                stub.resolve("runner.mjs").toString(), script.toString(), tokenFile.toString());
        String last = r.output().strip().lines().reduce((a, b) -> b).orElse("");
        assertThat(last).as(r.output()).startsWith("{");
        return JSONObjectUtils.parse(last);
    }

    private static Path stubDir() throws URISyntaxException {
        return Path.of(K6ScriptsTest.class.getResource("/k6stub/runner.mjs").toURI()).getParent();
    }

    private record Result(int code, String output) {
    }

    /** Runs node (stdin from the file when given), bounded to 30 s. */
    private static Result node(Path cwd, Path stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("node"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
        if (stdin != null) {
            pb.redirectInput(stdin.toFile());
        }
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("node did not finish within 30 s: " + cmd);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
