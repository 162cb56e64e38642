package io.tokencheck.parse;

import io.tokencheck.reason.DenyReason;

/**
 * Parsing failed.
 *
 * @param reason why (TOKEN_TOO_LARGE, TOKEN_MALFORMED, HEADER_UNSUPPORTED, CLAIM_INVALID)
 * @param detail a short, fixed-vocabulary description that never echoes token bytes
 */
public record ParseFailure(DenyReason reason, String detail) implements ParseResult {
}
