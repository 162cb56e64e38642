package io.tokencheck.http;

import io.tokencheck.decision.Decision;
import io.tokencheck.reason.BearerError;

/** The RFC 6750 section 3 WWW-Authenticate challenge for a deny. */
final class BearerChallenge {
    private BearerChallenge() {
    }

    static String of(Decision.Deny deny) {
        BearerError error = deny.reason().error();
        StringBuilder b = new StringBuilder("Bearer realm=\"tokencheck\"");
        if (error.code() != null) {
            b.append(", error=\"").append(error.code()).append('"');
            // Descriptions and scopes come from our own fixed text and configuration, never from the token.
            b.append(", error_description=\"").append(deny.reason().description()).append('"');
            if (deny.requiredScope() != null) {
                b.append(", scope=\"").append(deny.requiredScope()).append('"');
            }
        }
        return b.toString();
    }
}
