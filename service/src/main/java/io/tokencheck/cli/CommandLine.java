package io.tokencheck.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Options of one command: "--name value" pairs, each given at most once. */
final class CommandLine {
    /** Exit code meaning "a server is running; do not exit". */
    static final int RUNNING = -1;

    private static final Set<String> KNOWN = Set.of("config", "policy", "at", "token", "port");

    private final Map<String, String> options;

    private CommandLine(Map<String, String> options) {
        this.options = options;
    }

    static CommandLine parse(String[] args) throws UsageException {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || a.length() == 2) {
                throw new UsageException("unexpected argument \"" + a + "\"");
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else {
                if (i + 1 >= args.length) {
                    throw new UsageException("option --" + name + " needs a value");
                }
                value = args[++i];
            }
            if (!KNOWN.contains(name)) {
                throw new UsageException("unknown option --" + name);
            }
            if (options.put(name, value) != null) {
                throw new UsageException("option --" + name + " given twice");
            }
        }
        return new CommandLine(options);
    }

    String get(String name) {
        return options.get(name);
    }

    boolean has(String name) {
        return options.containsKey(name);
    }

    /** Only these options are allowed for the command. */
    void allowOnly(String... names) throws UsageException {
        Set<String> allowed = Set.of(names);
        for (String n : options.keySet()) {
            if (!allowed.contains(n)) {
                throw new UsageException("option --" + n + " does not apply to this command");
            }
        }
    }

    long longValue(String name) throws UsageException {
        try {
            return Long.parseLong(options.get(name));
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " must be a whole number");
        }
    }
}
