package io.tokencheck.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * What every part of the schema walk needs: where errors point to, the environment, the config file's folder.
 *
 * @param fileLabel the config file as named in messages
 * @param configDir folder that relative paths resolve against
 * @param env       environment variables (overrides and secret_env lookups)
 */
record LoadContext(String fileLabel, Path configDir, Map<String, String> env) {

    static final String ENV_PREFIX = "TOKENCHECK_";

    /** A one-line error about a key path in the file. */
    ConfigException problem(String path, String what) {
        return new ConfigException(fileLabel + ": " + (path.isEmpty() ? "" : path + ": ") + what);
    }

    /** The override variable for a scalar option: issuers[0].leeway_seconds -> TOKENCHECK_ISSUERS_0_LEEWAY_SECONDS. */
    static String envName(String path) {
        return ENV_PREFIX + path.replace("[", "_").replace("]", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /** An override for the option at this path, if set to a non-empty value. */
    ScalarValue override(String path) {
        String name = envName(path);
        String value = env.get(name);
        return value == null || value.isEmpty() ? null : new ScalarValue(path, value, "environment variable " + name);
    }
}
