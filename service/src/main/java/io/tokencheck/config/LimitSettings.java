package io.tokencheck.config;

/**
 * Size limits applied before any decoding.
 *
 * @param maxTokenBytes   longest accepted token (default 8192)
 * @param maxRequestBytes largest accepted /v1/verify request body (default 65536)
 */
public record LimitSettings(int maxTokenBytes, int maxRequestBytes) {
}
