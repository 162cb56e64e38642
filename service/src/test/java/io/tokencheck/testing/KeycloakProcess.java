package io.tokencheck.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Keycloak (the {@code keycloak-quarkus-dist} that Maven unpacks into {@code target/keycloak}) in production
 * mode on 127.0.0.1, with the realms of {@code src/test/resources/keycloak/}, from which tests obtain real
 * client-credentials tokens. Its output goes to {@code target/keycloak/keycloak-<port>.log}.
 *
 * <p>What the first start does is kept in the unpacked folder, so that later starts only boot the server: {@code
 * kc.sh build} (Quarkus augmentation, once per unpack) and the realm import into Keycloak's file database (redone
 * into a fresh database when the realm files change).
 */
public final class KeycloakProcess implements AutoCloseable {

    /** A confidential client with a service account, in a realm. */
    public record Client(String realm, String id, String secret) {
    }

    /** The realm tokencheck trusts. */
    public static final String REALM = "tokencheck";
    /** A realm of the same Keycloak that tokencheck does not trust. */
    public static final String OTHER_REALM = "other";
    /** RS256, typ JWT, aud api://tokencheck; scopes orders:read and orders:write when asked for. */
    public static final Client RS256_CLIENT = new Client(REALM, "rs256-client", "rs256-secret");
    /** RFC 9068: ES256, typ at+jwt, aud api://tokencheck, scope orders:read. */
    public static final Client ES256_CLIENT = new Client(REALM, "es256-client", "es256-secret");
    /** RS256, aud api://tokencheck, scp ["reports:read", "reports:export"] and an empty scope string. */
    public static final Client SCP_CLIENT = new Client(REALM, "scp-client", "scp-secret");
    /** RS256, aud api://billing only. */
    public static final Client BILLING_CLIENT = new Client(REALM, "billing-client", "billing-secret");
    /** RS256, aud api://tokencheck, from the other realm. */
    public static final Client OTHER_REALM_CLIENT = new Client(OTHER_REALM, "other-client", "other-secret");

    /** The realm files on the test class path, imported in this order. */
    private static final List<String> REALM_FILES = List.of("tokencheck-realm.json", "other-realm.json");
    /** Build options persisted by kc.sh build; the start uses them with --optimized. */
    private static final List<String> BUILD_OPTIONS = List.of("--db=dev-file");
    /** Holds the build options kc.sh build last ran with. */
    private static final String BUILD_MARKER = "tokencheck-build-options.txt";
    /** Holds the digest of the realm files the database holds; inside data/, so that it goes when data/ goes. */
    private static final String REALMS_MARKER = "data/tokencheck-realms.sha256";
    /** A short-lived test server: C1 only starts faster; a small heap on a shared machine. */
    private static final String JAVA_OPTS = "-XX:TieredStopAtLevel=1";
    private static final String HEAP_OPTS = "-Xms64m -Xmx768m";
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(6);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    /** Bound on the server's life even if this JVM dies without closing it (enforced by timeout(1)). */
    private static final Duration LIFETIME = Duration.ofMinutes(20);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);
    private static final int START_ATTEMPTS = 3;
    private static final int LOG_TAIL_CHARS = 4000;

    private final Process process;
    private final Path log;
    private final int port;
    private final Thread killOnExit;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();

    private KeycloakProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
        // If the test JVM exits without close() (a crash of the test run), the server must not outlive it.
        this.killOnExit = new Thread(() -> destroyTree(process, true), "keycloak-kill-on-exit");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Builds the unpacked Keycloak if needed, starts it on a free loopback port and waits until its realm answers. */
    public static KeycloakProcess start() {
        Path home = home();
        buildOnce(home);
        String realms = stageRealms(home);
        IllegalStateException last = null;
        // The port is probed here and bound by Keycloak later, so another process may take it in between: retry then.
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                KeycloakProcess keycloak = startOnce(home, LoopbackPort.free());
                try {
                    writeMarker(home.resolve(REALMS_MARKER), realms); // imported: later starts skip the import
                } catch (RuntimeException e) {
                    keycloak.close();
                    throw e;
                }
                return keycloak;
            } catch (PortTakenException e) {
                last = e;
            }
        }
        throw last;
    }

    /** The issuer of a realm, exactly as its tokens' iss. */
    public String issuer(String realm) {
        return "http://127.0.0.1:" + port + "/realms/" + realm;
    }

    /** Keycloak's output, for diagnosis. */
    public Path log() {
        return log;
    }

    /** A client-credentials access token. */
    public String accessToken(Client client, String scope) {
        return tokenResponseMember(client, scope, "access_token");
    }

    /** The ID token Keycloak adds to a client-credentials response when the openid scope is asked for. */
    public String idToken(Client client) {
        return tokenResponseMember(client, "openid", "id_token");
    }

    /** Stops Keycloak: SIGTERM (kc.sh passes it on to the JVM), then a kill of everything left after 15 s. */
    @Override
    public void close() {
        destroyTree(process, false);
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException ignored) {
            // the JVM is already shutting down: the hook runs anyway
        }
    }

    private String tokenResponseMember(Client client, String scope, String member) {
        URI tokenEndpoint = URI.create(issuer(client.realm()) + "/protocol/openid-connect/token");
        try {
            return new ClientCredentialsGrant(tokenEndpoint, http).requestMember(client.id(), client.secret(), scope, member);
        } catch (UncheckedIOException e) {
            throw process.isAlive() ? e : new IllegalStateException("Keycloak exited; the end of " + log + ":\n" + tail(log), e);
        }
    }

    /** The unpacked distribution: -Dtokencheck.keycloak.home (set by the pom), else target/keycloak/keycloak-*. */
    private static Path home() {
        String configured = System.getProperty("tokencheck.keycloak.home");
        Path home;
        if (configured != null) {
            home = Path.of(configured);
        } else {
            Path unpacked = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target", "keycloak");
            try (Stream<Path> dirs = Files.isDirectory(unpacked) ? Files.list(unpacked) : Stream.empty()) {
                home = dirs.filter(d -> d.getFileName().toString().startsWith("keycloak-"))
                        .filter(d -> Files.isRegularFile(d.resolve("bin/kc.sh")))
                        .findFirst().orElse(unpacked.resolve("keycloak-missing"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("no Keycloak at " + home.toAbsolutePath() + ": run 'mvn -pl service"
                    + " generate-test-resources' (the pom unpacks org.keycloak:keycloak-quarkus-dist there)");
        }
        return home;
    }

    /** kc.sh build with {@link #BUILD_OPTIONS}, unless a marker says it ran with them. */
    private static void buildOnce(Path home) {
        Path marker = home.resolve(BUILD_MARKER);
        String options = String.join(" ", BUILD_OPTIONS);
        if (!options.equals(readMarker(marker))) {
            List<String> build = new ArrayList<>(List.of("build"));
            build.addAll(BUILD_OPTIONS);
            runToCompletion(home, build, home.getParent().resolve("kc-build.log"));
            writeMarker(marker, options);
        }
    }

    /**
     * Puts the realm files into data/import for --import-realm, in a fresh data folder unless the marker says the
     * database already holds exactly these realms (Keycloak skips realms that exist); returns their digest.
     */
    private static String stageRealms(Path home) {
        List<byte[]> realms = REALM_FILES.stream().map(KeycloakProcess::realmFile).toList();
        String digest = digest(realms);
        if (digest.equals(readMarker(home.resolve(REALMS_MARKER)))) {
            return digest;
        }
        try {
            deleteTree(home.resolve("data"));
            Path importDir = Files.createDirectories(home.resolve("data").resolve("import"));
            for (int i = 0; i < REALM_FILES.size(); i++) {
                Files.write(importDir.resolve(REALM_FILES.get(i)), realms.get(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot put the realm files into " + home.resolve("data"), e);
        }
        return digest;
    }

    private static String readMarker(Path marker) {
        try {
            return Files.isRegularFile(marker) ? Files.readString(marker) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void writeMarker(Path marker, String content) {
        try {
            Files.writeString(marker, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + marker, e);
        }
    }

    private static void runToCompletion(Path home, List<String> kcArguments, Path log) {
        Process p = launch(home, kcArguments, log, BUILD_TIMEOUT);
        try {
            if (!p.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                destroyTree(p, true);
                throw new IllegalStateException("kc.sh " + kcArguments.getFirst() + " did not finish within "
                        + BUILD_TIMEOUT.toSeconds() + " s; the end of " + log + ":\n" + tail(log));
            }
        } catch (InterruptedException e) {
            destroyTree(p, true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during kc.sh " + kcArguments.getFirst(), e);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("kc.sh " + kcArguments.getFirst() + " exited with " + p.exitValue()
                    + "; the end of " + log + ":\n" + tail(log));
        }
    }

    private static KeycloakProcess startOnce(Path home, int port) {
        Path log = home.getParent().resolve("keycloak-" + port + ".log");
        Process p = launch(home, List.of("start", "--optimized", "--import-realm",
                "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + port,
                // The issuer follows the request's host (127.0.0.1:port): no fixed hostname in a test.
                "--hostname-strict=false",
                // No cluster: the default (ispn) opens JGroups ports on every interface.
                "--cache=local"), log, LIFETIME);
        KeycloakProcess keycloak = new KeycloakProcess(p, log, port);
        try {
            keycloak.awaitRealm(log);
            return keycloak;
        } catch (RuntimeException e) {
            keycloak.close();
            String output = tail(log);
            if (output.contains("Port already bound") || output.contains("Address already in use")) {
                throw new PortTakenException("port " + port + " was taken: " + output);
            }
            throw e;
        }
    }

    /** Polls the realm's discovery document, which Keycloak serves only once the realm is loaded. */
    private void awaitRealm(Path log) {
        URI discovery = URI.create(issuer(REALM) + "/.well-known/openid-configuration");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + " before it was ready;"
                        + " the end of " + log + ":\n" + tail(log));
            }
            try {
                HttpRequest request = HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5)).GET().build();
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + response.statusCode();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
            sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException("Keycloak was not ready within " + START_TIMEOUT.toSeconds() + " s (" + discovery
                + ": " + last + "); the end of " + log + ":\n" + tail(log));
    }

    /** kc.sh with the given arguments under timeout(1), output to the log, on this JVM's JDK. */
    private static Process launch(Path home, List<String> kcArguments, Path log, Duration lifetime) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/timeout"))) {
            command.addAll(List.of("/usr/bin/timeout", "-k", "10", Long.toString(lifetime.toSeconds())));
        }
        command.add(home.resolve("bin/kc.sh").toString());
        command.addAll(kcArguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("JAVA_OPTS_APPEND", JAVA_OPTS);
        env.put("JAVA_OPTS_KC_HEAP", HEAP_OPTS);
        // No admin user: the tests use client credentials only, and no bootstrap password exists to leak.
        env.remove("KC_BOOTSTRAP_ADMIN_USERNAME");
        env.remove("KC_BOOTSTRAP_ADMIN_PASSWORD");
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        }
    }

    /** SIGTERM to the process and its descendants (forcibly when asked), then a kill of whatever is left after 15 s. */
    private static void destroyTree(Process p, boolean forcibly) {
        List<ProcessHandle> descendants = p.descendants().toList();
        if (forcibly) {
            p.destroyForcibly();
            descendants.forEach(ProcessHandle::destroyForcibly);
            return;
        }
        p.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            for (ProcessHandle h : descendants) {
                long left = Math.max(0, deadline - System.nanoTime());
                h.onExit().get(left, TimeUnit.NANOSECONDS);
            }
            p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception ignored) {
            // timed out: killed below
        } finally {
            p.destroyForcibly();
            descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static byte[] realmFile(String name) {
        try (InputStream in = KeycloakProcess.class.getResourceAsStream("/keycloak/" + name)) {
            if (in == null) {
                throw new IllegalStateException("realm file /keycloak/" + name + " is not on the test class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String digest(List<byte[]> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] file : files) {
                sha.update(Integer.toString(file.length).getBytes(StandardCharsets.UTF_8));
                sha.update(file);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The last few thousand characters of a log, for failure messages. */
    private static String tail(Path log) {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.length() <= LOG_TAIL_CHARS ? text : text.substring(text.length() - LOG_TAIL_CHARS);
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Keycloak", e);
        }
    }

    /** The port chosen was taken before Keycloak could bind it. */
    private static final class PortTakenException extends IllegalStateException {
        PortTakenException(String message) {
            super(message);
        }
    }
}
