package io.tokencheck.gateway;

import io.tokencheck.testing.LoopbackPort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx in the foreground ({@code daemon off; master_process off;}) on a random loopback port, configured
 * from examples/nginx/nginx.conf with only the upstream addresses and the listen port replaced, everything it
 * writes (pid, logs, temp files) inside a private prefix folder. Runs under {@code timeout}, so it dies after
 * five minutes even if the test JVM does not stop it.
 */
final class NginxProcess implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/nginx");
    static final Path EXAMPLE = Path.of("../examples/nginx/nginx.conf");

    private final Process process;
    private final int port;
    private final Path prefix;

    private NginxProcess(Process process, int port, Path prefix) {
        this.process = process;
        this.port = port;
        this.prefix = prefix;
    }

    /** The reason nginx cannot be used here, or null when it can. */
    static String unavailable() {
        if (!Files.isExecutable(BINARY)) {
            return "nginx is not installed (" + BINARY + " not found): install it with `apt-get install -y nginx-light`"
                    + " (.ci/run does this)";
        }
        if (!buildOptions().contains("--with-http_auth_request_module")) {
            return BINARY + " was built without the auth_request module (nginx -V)";
        }
        return null;
    }

    /** Starts nginx from the example in front of these loopback ports; waits until it accepts connections. */
    static NginxProcess start(Path prefix, int tokencheckPort, int upstreamPort) {
        String problem = unavailable();
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) { // the free port may be taken between probe and bind
            try {
                return startOnce(prefix.resolve("run" + attempt), tokencheckPort, upstreamPort);
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    private static NginxProcess startOnce(Path prefix, int tokencheckPort, int upstreamPort) {
        try {
            Files.createDirectories(prefix);
            int port = LoopbackPort.free();
            Files.writeString(prefix.resolve("nginx.conf"), config(Files.readString(EXAMPLE), prefix, port, tokencheckPort, upstreamPort));
            List<String> cmd = new ArrayList<>();
            if (Files.isExecutable(Path.of("/usr/bin/timeout"))) {
                cmd.addAll(List.of("/usr/bin/timeout", "-k", "5", "300"));
            }
            cmd.addAll(List.of(BINARY.toString(), "-p", prefix + "/", "-c", prefix.resolve("nginx.conf").toString(),
                    "-e", prefix.resolve("error.log").toString(),
                    "-g", "daemon off; master_process off; pid " + prefix.resolve("nginx.pid") + ";"));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(prefix.resolve("stdout.log").toFile()).start();
            NginxProcess nginx = new NginxProcess(p, port, prefix);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("nginx exited with " + p.exitValue() + ": " + nginx.log());
                }
                if (accepts(port)) {
                    return nginx;
                }
                Thread.sleep(50);
            }
            nginx.close();
            throw new IllegalStateException("nginx did not listen within 15 s: " + nginx.log());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The example with test addresses, and the distribution's temp paths (outside the prefix) moved inside it. */
    static String config(String example, Path prefix, int port, int tokencheckPort, int upstreamPort) {
        String c = replaceOnce(example, "server 127.0.0.1:8080;", "server 127.0.0.1:" + tokencheckPort + ";");
        c = replaceOnce(c, "server 127.0.0.1:9000;", "server 127.0.0.1:" + upstreamPort + ";");
        c = replaceOnce(c, "listen 8000;", "listen 127.0.0.1:" + port + ";");
        StringBuilder inside = new StringBuilder("http {\n    access_log " + prefix.resolve("access.log") + ";\n");
        String options = buildOptions();
        for (String kind : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            if (options.contains("--http-" + kind.replace('_', '-') + "-temp-path")
                    && !options.contains("--without-http_" + kind + "_module")) {
                inside.append("    ").append(kind).append("_temp_path ").append(prefix.resolve(kind)).append(";\n");
            }
        }
        return replaceOnce(c, "http {\n", inside.toString());
    }

    private static String replaceOnce(String text, String what, String with) {
        int at = text.indexOf(what);
        if (at < 0 || text.indexOf(what, at + 1) >= 0) {
            throw new IllegalStateException(EXAMPLE + " must contain `" + what.strip() + "` exactly once (the test replaces it)");
        }
        return text.replace(what, with);
    }

    private static String buildOptions() {
        try {
            Process p = new ProcessBuilder(BINARY.toString(), "-V").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    int port() {
        return port;
    }

    /** The error log and stdout, for failure messages. */
    String log() {
        StringBuilder b = new StringBuilder();
        for (String name : List.of("error.log", "stdout.log")) {
            try {
                b.append(name).append(": ").append(Files.readString(prefix.resolve(name))).append('\n');
            } catch (IOException e) {
                b.append(name).append(": (none)\n");
            }
        }
        return b.toString();
    }

    /** Stops nginx: SIGTERM, then after 5 s a kill of it and anything it started. */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                children.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
