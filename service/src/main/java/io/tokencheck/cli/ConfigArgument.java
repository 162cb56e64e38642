package io.tokencheck.cli;

import io.tokencheck.config.ConfigException;
import io.tokencheck.config.ConfigLoader;
import io.tokencheck.config.TokencheckConfig;
import io.tokencheck.keys.LocalKeyFiles;
import java.nio.file.Path;

/** The --config option (or TOKENCHECK_CONFIG), loaded and validated, local key files included. */
final class ConfigArgument {
    private ConfigArgument() {
    }

    static TokencheckConfig load(CommandLine cl) throws UsageException, ConfigException {
        String file = cl.has("config") ? cl.get("config") : System.getenv("TOKENCHECK_CONFIG");
        if (file == null || file.isBlank()) {
            throw new UsageException("no configuration: give --config FILE or set TOKENCHECK_CONFIG");
        }
        TokencheckConfig config = ConfigLoader.load(Path.of(file));
        LocalKeyFiles.check(config, file);
        return config;
    }
}
