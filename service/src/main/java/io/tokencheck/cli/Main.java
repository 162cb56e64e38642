package io.tokencheck.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.logging.LogManager;

/** Command-line entry point: serve, verify, demo. Exit codes: 0 allow/ok, 1 deny, 2 usage or configuration error. */
public final class Main {
    static final String USAGE = """
            usage: java -jar tokencheck.jar <command> [options]
              serve  --config FILE                          run the HTTP service
              verify --config FILE [--policy NAME] [--at EPOCH_SECONDS] [--token TOKEN]
                                                            verify one token (from --token or stdin), print the JSON decision;
                                                            exit 0 allow, 1 deny, 2 usage or configuration error
              demo   [--port PORT]                          start a demo issuer and tokencheck on 127.0.0.1, print sample calls
            The config file can also be given as TOKENCHECK_CONFIG.""";

    private Main() {
    }

    public static void main(String[] args) {
        configureLogging();
        int code = run(args, System.in, System.out, System.err);
        if (code != CommandLine.RUNNING) {
            System.exit(code);
        }
    }

    /** Runs a command; returns its exit code, or {@link CommandLine#RUNNING} for a server left running. */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println(USAGE);
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            CommandLine cl = CommandLine.parse(rest);
            return switch (args[0]) {
                case "serve" -> new ServeCommand().run(cl, err);
                case "verify" -> new VerifyCommand().run(cl, in, out, err);
                case "demo" -> new DemoCommand().run(cl, out);
                case "help", "--help", "-h" -> {
                    out.println(USAGE);
                    yield 0;
                }
                default -> {
                    err.println("tokencheck: unknown command \"" + args[0] + "\"\n" + USAGE);
                    yield 2;
                }
            };
        } catch (UsageException e) {
            err.println("tokencheck: " + e.getMessage() + "\n" + USAGE);
            return 2;
        }
    }

    private static void configureLogging() {
        // One line per record; the file ships in the jar. An explicit -Djava.util.logging.config.file wins.
        if (System.getProperty("java.util.logging.config.file") == null) {
            try (InputStream props = Main.class.getResourceAsStream("/logging.properties")) {
                if (props != null) {
                    LogManager.getLogManager().readConfiguration(props);
                }
            } catch (Exception e) {
                // Keep the JDK defaults.
            }
        }
    }
}
