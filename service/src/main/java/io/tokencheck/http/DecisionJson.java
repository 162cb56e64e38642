package io.tokencheck.http;

import io.tokencheck.decision.Decision;
import io.tokencheck.decision.Identity;
import io.tokencheck.reason.DenyReason;

/** The JSON form of a decision, shared by POST /v1/verify and the verify command. */
public final class DecisionJson {
    private DecisionJson() {
    }

    /** The decision as a JSON object. */
    public static String of(Decision decision) {
        JsonText json = new JsonText();
        if (decision instanceof Decision.Allow allow) {
            Identity id = allow.identity();
            json.field("allow", true)
                    .field("policy", allow.policy())
                    .field("sub", id.subject())
                    .field("iss", id.issuer())
                    .field("aud", id.audiences())
                    .field("scope", id.scopes().isEmpty() ? null : String.join(" ", id.scopes()))
                    .field("client_id", id.clientId())
                    .field("exp", id.expiresAt())
                    .field("iat", id.issuedAt())
                    .field("jti", id.tokenId());
        } else {
            Decision.Deny deny = (Decision.Deny) decision;
            DenyReason r = deny.reason();
            json.field("allow", false)
                    .field("policy", deny.policy())
                    .field("error", r.error().code())
                    .field("reason", r.code())
                    .field("description", r.description())
                    .field("scope", deny.requiredScope());
        }
        return json.end();
    }

    /** A JSON error for a request that could not be read at all. */
    public static String requestError(String description) {
        return new JsonText().field("error", "invalid_request").field("description", description).end();
    }
}
