package io.tokencheck.keys;

import io.tokencheck.config.ConfigException;
import io.tokencheck.config.IssuerSettings;
import io.tokencheck.config.KeySourceSettings;
import io.tokencheck.config.TokencheckConfig;
import java.time.Duration;
import java.util.List;

/**
 * The start-up check of issuers' local JWKS files. A file is configuration, so one that is not a JWKS or holds no
 * usable key stops start-up with one line; at a later refresh the same problem keeps the good keys (the file may be
 * mid-update), as for a remote JWKS.
 */
public final class LocalKeyFiles {
    private LocalKeyFiles() {
    }

    /**
     * Reads every issuer's {@code jwks_file} once.
     *
     * @param fileLabel the configuration file as named in messages
     * @throws ConfigException naming the first issuer whose file gives no usable key
     */
    public static void check(TokencheckConfig config, String fileLabel) throws ConfigException {
        List<IssuerSettings> issuers = config.issuers();
        for (int i = 0; i < issuers.size(); i++) {
            IssuerSettings issuer = issuers.get(i);
            if (issuer.keys() instanceof KeySourceSettings.JwksFile file) {
                JwksFileSource source = new JwksFileSource(file.path(), config.jwks().maxResponseBytes(),
                        new JwkConverter(issuer.name(), issuer.algorithms(), skipped -> { }), Duration.ZERO);
                if (source.fetch() instanceof FetchOutcome.Failed failed) {
                    throw new ConfigException(fileLabel + ": issuers[" + i + "].jwks_file: " + failed.reason());
                }
            }
        }
    }
}
