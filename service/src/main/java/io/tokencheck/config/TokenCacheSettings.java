package io.tokencheck.config;

/**
 * The verified-token cache.
 *
 * @param maxBytes total length of the cached tokens, in characters (default 16 MiB); 0 turns the cache off
 */
public record TokenCacheSettings(long maxBytes) {
    /** The defaults. */
    public static final TokenCacheSettings DEFAULT = new TokenCacheSettings(16L * 1024 * 1024);

    /** True when tokens are cached at all. */
    public boolean enabled() {
        return maxBytes > 0;
    }
}
