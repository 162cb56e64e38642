package io.tokencheck.parse;

import io.tokencheck.reason.DenyReason;
import java.util.List;

/**
 * Reads the JOSE header of a compact JWS: alg, kid and typ, and refuses what a JWT verifier must not process
 * (crit, b64, and JWE/compression members). Key-carrying members (jku, jwk, x5u, x5c, x5t) and unknown members
 * are skipped: tokencheck never trusts keys or URLs that a token names itself.
 */
final class HeaderReader {
    private static final int ALG = 0;
    private static final int KID = 1;
    private static final int TYP = 2;
    private static final int CRIT = 3;
    private static final int B64 = 4;
    private static final int ENC = 5;
    private static final int ZIP = 6;
    private static final NameIndex NAMES = new NameIndex(List.of("alg", "kid", "typ", "crit", "b64", "enc", "zip"));
    /** The alg values of RFC 7518 and RFC 8037 (and "none"): a header naming one gets this String, not a new one. */
    private static final NameIndex ALGS = new NameIndex(List.of("HS256", "HS384", "HS512", "RS256", "RS384", "RS512",
            "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "ES256K", "EdDSA", "Ed25519", "Ed448", "none"));
    /** The usual typ values, spelt as issuers send them. */
    private static final NameIndex TYPES = new NameIndex(List.of("JWT", "jwt", "at+jwt", "at+JWT", "application/jwt",
            "application/at+jwt", "JOSE", "secevent+jwt", "logout+jwt", "dpop+jwt"));

    private HeaderReader() {
    }

    /**
     * The header read from its JSON bytes. A syntax error or a bad alg/kid/typ is TOKEN_MALFORMED; crit and b64
     * are HEADER_UNSUPPORTED, reported only once the whole header is known to be well-formed.
     */
    static JoseHeader read(byte[] json) {
        return read(new JsonReader(json, "header"));
    }

    /** The header read from the document the reader has just been given; see {@link #read(byte[])}. */
    static JoseHeader read(JsonReader reader) {
        String alg = null;
        String kid = null;
        String typ = null;
        String unsupported = null;
        ObjectMembers members = new ObjectMembers(reader, NAMES);
        for (int name = members.next(); name != ObjectMembers.END; name = members.next()) {
            switch (name) {
                case ALG -> alg = readString(reader, ALGS, "alg is not a string");
                case KID -> kid = readString(reader, null, "kid is not a string");
                case TYP -> typ = readString(reader, TYPES, "typ is not a string");
                case CRIT -> {
                    // RFC 7515 4.1.11: we understand no extension, so any crit (well-formed or not) is refused.
                    reader.skipValue();
                    unsupported = unsupported != null ? unsupported : "crit header is not supported";
                }
                case B64 -> {
                    // RFC 7797 unencoded payloads are never valid for JWTs.
                    reader.skipValue();
                    unsupported = unsupported != null ? unsupported : "b64 header is not supported";
                }
                case ENC -> throw Rejection.malformed("enc header: JWE is not accepted");
                case ZIP -> throw Rejection.malformed("zip header: compressed payload is not accepted");
                default -> throw new IllegalStateException("unhandled header name");
            }
        }
        reader.endDocument();
        if (alg == null) {
            throw Rejection.malformed("alg missing in header");
        }
        if (unsupported != null) {
            throw new Rejection(DenyReason.HEADER_UNSUPPORTED, unsupported);
        }
        return new JoseHeader(alg, kid, typ);
    }

    /** A string member's value; one of the known values as their own String (known may be null). */
    private static String readString(JsonReader reader, NameIndex known, String notString) {
        if (reader.peek() != JsonReader.Kind.STRING) {
            throw Rejection.malformed(notString);
        }
        return known == null ? reader.readString() : reader.readString(known);
    }
}
