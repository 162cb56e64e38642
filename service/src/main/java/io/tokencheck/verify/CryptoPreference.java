package io.tokencheck.verify;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Which providers may serve: the fastest that passes its self-test ({@code fast}, the default), or the JDK's only
 * ({@code jdk}). Set with the system property {@code tokencheck.crypto} or the environment variable
 * {@code TOKENCHECK_CRYPTO}; the property wins.
 */
public enum CryptoPreference {
    /** The fastest provider that loads and passes its self-test, per algorithm. */
    FAST,
    /** The JDK's providers only: for another platform's behaviour, or to rule the native provider out. */
    JDK;

    /** The system property that sets the preference. */
    public static final String PROPERTY = "tokencheck.crypto";
    /** The environment variable that sets the preference when the property is absent. */
    public static final String ENVIRONMENT = "TOKENCHECK_CRYPTO";

    /**
     * The preference this process asks for. An unknown value selects {@link #JDK} with a warning: a typo must not
     * silently pick the native provider the operator may have meant to rule out, nor crash a verification.
     */
    public static CryptoPreference fromEnvironment() {
        try {
            return parse(System.getProperty(PROPERTY), System.getenv(ENVIRONMENT));
        } catch (IllegalArgumentException e) {
            Logger.getLogger(CryptoPreference.class.getName()).warning(e.getMessage() + "; using jdk");
            return JDK;
        }
    }

    /**
     * The preference from a property value and an environment value (either may be null or blank).
     *
     * @throws IllegalArgumentException for a value other than {@code fast} or {@code jdk}
     */
    public static CryptoPreference parse(String property, String environment) {
        String value = property != null && !property.isBlank() ? property : environment;
        if (value == null || value.isBlank()) {
            return FAST;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "fast" -> FAST;
            case "jdk" -> JDK;
            default -> throw new IllegalArgumentException(
                    PROPERTY + " / " + ENVIRONMENT + " must be fast or jdk, not '" + value.trim() + "'");
        };
    }

    /** The candidates this preference allows. */
    Set<ProviderCandidate> candidates() {
        return this == JDK ? EnumSet.of(ProviderCandidate.JDK) : EnumSet.allOf(ProviderCandidate.class);
    }
}
