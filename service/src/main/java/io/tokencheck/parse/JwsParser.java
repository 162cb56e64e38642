package io.tokencheck.parse;

import io.tokencheck.reason.DenyReason;
import java.util.Objects;

/**
 * Parses a compact JWS (RFC 7515) strictly: size first, three segments, canonical base64url, strict UTF-8 JSON,
 * no duplicate members, the header members and claims the decision needs. Verifies nothing.
 * Checks run in this order and the first failure wins: size, segment count, base64url of all three segments,
 * the header (syntax, then crit/b64), the payload (syntax, then claim types and ranges).
 * Thread-safe and meant to be reused for every request; {@link #parse} never throws.
 */
public final class JwsParser {
    private static final ParseFailure EMPTY = malformed("empty token");
    private static final ParseFailure TOO_LARGE = new ParseFailure(DenyReason.TOKEN_TOO_LARGE, "token too large");
    private static final ParseFailure JWE = malformed("JWE is not accepted");
    private static final ParseFailure NOT_COMPACT_JWS = malformed("not a compact JWS");
    private static final ParseFailure EMPTY_HEADER = malformed("empty header segment");
    private static final ParseFailure EMPTY_PAYLOAD = malformed("empty payload segment");
    private static final ParseFailure BAD_HEADER = malformed("bad base64url in header");
    private static final ParseFailure BAD_PAYLOAD = malformed("bad base64url in payload");
    private static final ParseFailure BAD_SIGNATURE = malformed("bad base64url in signature");
    private static final ParseFailure UNPARSEABLE = malformed("unparseable token");

    private final int maxTokenBytes;
    private final ClaimsReader claims;

    /** A parser for these options; the options are read once, here. */
    public JwsParser(ParseOptions options) {
        Objects.requireNonNull(options, "options");
        if (options.maxTokenBytes() < 1) {
            throw new IllegalArgumentException("maxTokenBytes must be positive");
        }
        this.maxTokenBytes = options.maxTokenBytes();
        this.claims = new ClaimsReader(options.namedClaims(), options.issuers());
    }

    /** The parsed token, or the reason it is not an acceptable compact JWS. Never throws. */
    public ParseResult parse(String token) {
        try {
            return parseStrictly(token);
        } catch (Rejection rejection) {
            return rejection.failure();
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError unexpected) {
            // Fail closed: a parser bug or exhausted resources on one hostile token must not escape as an exception.
            return UNPARSEABLE;
        }
    }

    private ParseResult parseStrictly(String token) {
        if (token == null) {
            return EMPTY;
        }
        int length = token.length();
        if (length > maxTokenBytes) {
            return TOO_LARGE;
        }
        if (token.isBlank()) {
            return EMPTY;
        }
        int dot1 = token.indexOf('.');
        int dot2 = dot1 < 0 ? -1 : token.indexOf('.', dot1 + 1);
        if (dot2 < 0) {
            return NOT_COMPACT_JWS;
        }
        int dot3 = token.indexOf('.', dot2 + 1);
        if (dot3 >= 0) {
            int dot4 = token.indexOf('.', dot3 + 1);
            return dot4 >= 0 && token.indexOf('.', dot4 + 1) < 0 ? JWE : NOT_COMPACT_JWS;
        }
        if (dot1 == 0) {
            return EMPTY_HEADER;
        }
        if (dot2 == dot1 + 1) {
            return EMPTY_PAYLOAD;
        }
        byte[] headerJson = Base64Url.decode(token, 0, dot1);
        if (headerJson == null) {
            return BAD_HEADER;
        }
        byte[] payloadJson = Base64Url.decode(token, dot1 + 1, dot2);
        if (payloadJson == null) {
            return BAD_PAYLOAD;
        }
        byte[] signature = Base64Url.decode(token, dot2 + 1, length);
        if (signature == null) {
            return BAD_SIGNATURE;
        }
        // One reader (and its name buffer) for both documents.
        JsonReader reader = new JsonReader(headerJson, "header");
        JoseHeader header = HeaderReader.read(reader);
        TokenClaims tokenClaims = claims.read(reader.restart(payloadJson, "payload"));
        // Both segments decoded as base64url, so every char before the second dot is ASCII.
        return new ParsedToken(header, tokenClaims, token, dot2, signature);
    }

    private static ParseFailure malformed(String detail) {
        return new ParseFailure(DenyReason.TOKEN_MALFORMED, detail);
    }
}
