package io.tokencheck.keys;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * How long a fetched JWKS stays fresh: from Cache-Control max-age, else Expires, else the default,
 * always clamped into [minTtl, maxTtl] so an IdP can neither make us hammer it nor pin keys for days.
 */
public final class Freshness {
    private final Duration defaultTtl;
    private final Duration minTtl;
    private final Duration maxTtl;

    /** Freshness rules from the configured bounds. */
    public Freshness(Duration defaultTtl, Duration minTtl, Duration maxTtl) {
        this.minTtl = minTtl;
        this.maxTtl = maxTtl.compareTo(minTtl) < 0 ? minTtl : maxTtl;
        this.defaultTtl = clamp(defaultTtl);
    }

    /** The lifetime of a response without usable caching headers (or of a local file). */
    public Duration defaultTtl() {
        return defaultTtl;
    }

    /** The longest lifetime. */
    public Duration maxTtl() {
        return maxTtl;
    }

    /**
     * The lifetime these response headers suggest. no-store and no-cache mean "as short as allowed";
     * s-maxage is for shared caches and ignored; an invalid Expires means already expired (RFC 9111 5.3).
     */
    public Duration of(HttpHeaders headers, Instant now) {
        Duration fromCacheControl = cacheControl(String.join(",", headers.allValues("Cache-Control")));
        if (fromCacheControl != null) {
            return clamp(fromCacheControl);
        }
        Optional<String> expires = headers.firstValue("Expires");
        if (expires.isPresent()) {
            Instant base = headers.firstValue("Date").map(Freshness::httpDate).orElse(null);
            Instant at = httpDate(expires.get());
            return at == null ? minTtl : clamp(Duration.between(base == null ? now : base, at));
        }
        return defaultTtl;
    }

    private Duration cacheControl(String value) {
        Duration maxAge = null;
        for (String directive : value.split(",")) {
            String d = directive.trim().toLowerCase(Locale.ROOT);
            int eq = d.indexOf('=');
            String name = (eq < 0 ? d : d.substring(0, eq)).trim();
            if (name.equals("no-store") || name.equals("no-cache")) {
                return Duration.ZERO;
            }
            if (name.equals("max-age") && eq > 0 && maxAge == null) {
                maxAge = seconds(d.substring(eq + 1).trim());
            }
        }
        return maxAge;
    }

    private Duration seconds(String value) {
        String v = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
        if (v.isEmpty() || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        // More digits than a long holds is still a valid (huge) max-age.
        return v.length() > 12 ? maxTtl : Duration.ofSeconds(Long.parseLong(v));
    }

    private static Instant httpDate(String value) {
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private Duration clamp(Duration d) {
        if (d.compareTo(minTtl) < 0) {
            return minTtl;
        }
        return d.compareTo(maxTtl) > 0 ? maxTtl : d;
    }
}
