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
    /** The configured iss values, handed out as they are when a token names one. */
    private final NameIndex issuers;
    /** Whether the name with this index is also to be materialised as a named claim. */
    private final boolean[] named;

    ClaimsReader(Set<String> namedClaims, Set<String> issuers) {
        this.issuers = new NameIndex(issuers.stream().sorted().toList());
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
        return read(new JsonReader(json, "payload"));
    }

    /** The claims read from the payload the reader has just been given (see {@link JsonReader#restart}). */
    TokenClaims read(JsonReader reader) {
        Draft draft = new Draft();
        ObjectMembers members = new ObjectMembers(reader, names);
        for (int name = members.next(); name != ObjectMembers.END; name = members.next()) {
            // Claim values are built only for named claims: the registered ones live in their own fields.
            if (name >= REGISTERED.size()) {
                ClaimValue value = reader.readClaimValue();
                if (named[name]) {
                    draft.named(names.name(name), value);
                }
            } else {
                readRegistered(reader, name, draft, issuers);
                if (named[name]) {
                    ClaimValue value = draft.registeredValue(name, reader);
                    if (value != null) {
                        draft.named(names.name(name), value);
                    }
                }
            }
        }
        reader.endDocument();
        if (draft.invalid != null) {
            throw new Rejection(DenyReason.CLAIM_INVALID, draft.invalid);
        }
        return draft.claims();
    }

    /** Reads one registered claim into the draft (a claim of the wrong type is noted in it, not stored). */
    private static void readRegistered(JsonReader reader, int name, Draft draft, NameIndex issuers) {
        switch (name) {
            case ISS -> draft.iss = readString(reader, draft, issuers, "iss is not a string");
            case SUB -> draft.sub = readString(reader, draft, null, "sub is not a string");
            case JTI -> draft.jti = readString(reader, draft, null, "jti is not a string");
            case CLIENT_ID -> draft.clientId = readString(reader, draft, null, "client_id is not a string");
            case AZP -> draft.azp = readString(reader, draft, null, "azp is not a string");
            case AUD -> readAudience(reader, draft);
            case EXP -> draft.exp = readNumericDate(reader, draft, "exp is not a valid NumericDate");
            case NBF -> draft.nbf = readNumericDate(reader, draft, "nbf is not a valid NumericDate");
            case IAT -> draft.iat = readNumericDate(reader, draft, "iat is not a valid NumericDate");
            default -> throw new IllegalStateException("unhandled registered claim");
        }
    }

    /** A string claim (one of the known values as their own String; known may be null), or null when invalid. */
    private static String readString(JsonReader reader, Draft draft, NameIndex known, String invalid) {
        if (reader.peek() == JsonReader.Kind.STRING) {
            return known == null ? reader.readString() : reader.readString(known);
        }
        reader.skipValue();
        draft.invalid(invalid);
        return null;
    }

    private static void readAudience(JsonReader reader, Draft draft) {
        JsonReader.Kind kind = reader.peek();
        if (kind == JsonReader.Kind.STRING) {
            draft.aud = List.of(reader.readString());
            draft.audIsArray = false;
            return;
        }
        if (kind == JsonReader.Kind.ARRAY) {
            List<String> audiences = reader.readStringArray();
            if (audiences != null) {
                draft.aud = audiences;
                draft.audIsArray = true;
                return;
            }
        } else {
            reader.skipValue();
        }
        draft.invalid("aud is not a string or an array of strings");
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
        /** Whether aud was sent as an array (as a named claim it is then a TextList, else a Text). */
        boolean audIsArray;
        /** The named claims: the first two in fields (most tokens have one or two), more in a map. */
        private String name1;
        private ClaimValue value1;
        private String name2;
        private ClaimValue value2;
        private Map<String, ClaimValue> more;
        /** The first claim problem found, or null. */
        String invalid;

        void invalid(String detail) {
            if (invalid == null) {
                invalid = detail;
            }
        }

        /** A registered claim just read, as a named claim value; null when it was invalid. */
        ClaimValue registeredValue(int name, JsonReader reader) {
            return switch (name) {
                case ISS -> text(iss);
                case SUB -> text(sub);
                case JTI -> text(jti);
                case CLIENT_ID -> text(clientId);
                case AZP -> text(azp);
                case AUD -> aud.isEmpty() && !audIsArray ? null
                        : audIsArray ? new ClaimValue.TextList(aud) : new ClaimValue.Text(aud.get(0));
                case EXP -> number(exp, reader);
                case NBF -> number(nbf, reader);
                case IAT -> number(iat, reader);
                default -> throw new IllegalStateException("unhandled registered claim");
            };
        }

        void named(String name, ClaimValue value) {
            if (name1 == null) {
                name1 = name;
                value1 = value;
            } else if (name2 == null) {
                name2 = name;
                value2 = value;
            } else {
                if (more == null) {
                    more = new HashMap<>(8);
                    more.put(name1, value1);
                    more.put(name2, value2);
                }
                more.put(name, value);
            }
        }

        TokenClaims claims() {
            Map<String, ClaimValue> namedClaims = more != null ? Collections.unmodifiableMap(more)
                    : name2 != null ? Map.of(name1, value1, name2, value2)
                    : name1 != null ? Map.of(name1, value1) : Map.of();
            return new TokenClaims(iss, sub, aud, exp, nbf, iat, jti, clientId, azp, namedClaims);
        }

        private static ClaimValue text(String value) {
            return value == null ? null : new ClaimValue.Text(value);
        }

        private static ClaimValue number(long seconds, JsonReader reader) {
            return seconds == TokenClaims.ABSENT ? null : new ClaimValue.Number(reader.numberLiteral());
        }
    }
}
