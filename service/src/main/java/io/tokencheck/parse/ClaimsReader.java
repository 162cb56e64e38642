package io.tokencheck.parse;

import io.tokencheck.reason.DenyReason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the registered claims and the configured named claims of a JWT payload, skipping all others.
 * A syntax error is TOKEN_MALFORMED; a claim of the wrong type or range is CLAIM_INVALID, reported only once the
 * whole payload is known to be well-formed. Immutable after construction, so one instance serves all threads.
 */
final class ClaimsReader {
    private static final int ISS = 0;
    private static final int SUB = 1;
    private static final int AUD = 2;
    private static final int EXP = 3;
    private static final int NBF = 4;
    private static final int IAT = 5;
    private static final int JTI = 6;
    private static final int CLIENT_ID = 7;
    private static final int AZP = 8;
    private static final List<String> REGISTERED =
            List.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti", "client_id", "azp");

    private final NameIndex names;
    /** Whether the name with this index is also to be materialised as a named claim. */
    private final boolean[] named;

    ClaimsReader(Set<String> namedClaims) {
        List<String> all = new ArrayList<>(REGISTERED);
        namedClaims.stream().filter(n -> !REGISTERED.contains(n)).sorted().forEach(all::add);
        this.names = new NameIndex(all);
        this.named = new boolean[all.size()];
        for (int i = 0; i < all.size(); i++) {
            named[i] = namedClaims.contains(all.get(i));
        }
    }

    /** The claims read from the payload's JSON bytes. */
    TokenClaims read(byte[] json) {
        JsonReader reader = new JsonReader(json, "payload");
        Draft draft = new Draft();
        ObjectMembers members = new ObjectMembers(reader, names);
        for (int name = members.next(); name != ObjectMembers.END; name = members.next()) {
            ClaimValue value = name < REGISTERED.size() ? readRegistered(reader, name, draft) : reader.readClaimValue();
            if (named[name] && value != null) {
                draft.named(names.name(name), value);
            }
        }
        reader.endDocument();
        if (draft.invalid != null) {
            throw new Rejection(DenyReason.CLAIM_INVALID, draft.invalid);
        }
        return draft.claims();
    }

    /** Reads one registered claim into the draft; returns its value as a named claim, or null when invalid. */
    private static ClaimValue readRegistered(JsonReader reader, int name, Draft draft) {
        return switch (name) {
            case ISS -> text(draft.iss = readString(reader, draft, "iss is not a string"));
            case SUB -> text(draft.sub = readString(reader, draft, "sub is not a string"));
            case JTI -> text(draft.jti = readString(reader, draft, "jti is not a string"));
            case CLIENT_ID -> text(draft.clientId = readString(reader, draft, "client_id is not a string"));
            case AZP -> text(draft.azp = readString(reader, draft, "azp is not a string"));
            case AUD -> readAudience(reader, draft);
            case EXP -> {
                draft.exp = readNumericDate(reader, draft, "exp is not a valid NumericDate");
                yield numberIfValid(reader, draft.exp);
            }
            case NBF -> {
                draft.nbf = readNumericDate(reader, draft, "nbf is not a valid NumericDate");
                yield numberIfValid(reader, draft.nbf);
            }
            case IAT -> {
                draft.iat = readNumericDate(reader, draft, "iat is not a valid NumericDate");
                yield numberIfValid(reader, draft.iat);
            }
            default -> throw new IllegalStateException("unhandled registered claim");
        };
    }

    private static String readString(JsonReader reader, Draft draft, String invalid) {
        if (reader.peek() == JsonReader.Kind.STRING) {
            return reader.readString();
        }
        reader.skipValue();
        draft.invalid(invalid);
        return null;
    }

    private static ClaimValue readAudience(JsonReader reader, Draft draft) {
        JsonReader.Kind kind = reader.peek();
        if (kind == JsonReader.Kind.STRING) {
            String audience = reader.readString();
            draft.aud = List.of(audience);
            return new ClaimValue.Text(audience);
        }
        if (kind == JsonReader.Kind.ARRAY) {
            List<String> audiences = reader.readStringArray();
            if (audiences != null) {
                draft.aud = audiences;
                return new ClaimValue.TextList(audiences);
            }
        } else {
            reader.skipValue();
        }
        draft.invalid("aud is not a string or an array of strings");
        return null;
    }

    private static long readNumericDate(JsonReader reader, Draft draft, String invalid) {
        if (reader.peek() != JsonReader.Kind.NUMBER) {
            reader.skipValue();
            draft.invalid(invalid);
            return TokenClaims.ABSENT;
        }
        reader.readNumber();
        long seconds = reader.numberAsSeconds();
        if (seconds == NumericDate.INVALID) {
            draft.invalid(invalid);
            return TokenClaims.ABSENT;
        }
        return seconds;
    }

    private static ClaimValue numberIfValid(JsonReader reader, long seconds) {
        return seconds == TokenClaims.ABSENT ? null : new ClaimValue.Number(reader.numberLiteral());
    }

    private static ClaimValue text(String value) {
        return value == null ? null : new ClaimValue.Text(value);
    }

    /** The claims of one payload while it is being read. */
    private static final class Draft {
        String iss;
        String sub;
        List<String> aud = List.of();
        long exp = TokenClaims.ABSENT;
        long nbf = TokenClaims.ABSENT;
        long iat = TokenClaims.ABSENT;
        String jti;
        String clientId;
        String azp;
        Map<String, ClaimValue> named;
        /** The first claim problem found, or null. */
        String invalid;

        void invalid(String detail) {
            if (invalid == null) {
                invalid = detail;
            }
        }

        void named(String name, ClaimValue value) {
            if (named == null) {
                named = new HashMap<>(8);
            }
            named.put(name, value);
        }

        TokenClaims claims() {
            Map<String, ClaimValue> namedClaims = named == null ? Map.of() : Collections.unmodifiableMap(named);
            return new TokenClaims(iss, sub, aud, exp, nbf, iat, jti, clientId, azp, namedClaims);
        }
    }
}
