package io.tokencheck.extract;

import java.util.List;

/** Finds the bearer token in the Authorization header values of a request (RFC 6750 section 2.1). */
public final class BearerExtractor {
    private static final String SCHEME = "Bearer";

    /** Looks at every Authorization header value the request carried. */
    public BearerToken extract(List<String> authorizationValues) {
        if (authorizationValues == null || authorizationValues.isEmpty()) {
            return new BearerToken.Missing();
        }
        if (authorizationValues.size() > 1) {
            // Two credentials: which one a gateway or upstream would use is ambiguous, so use neither.
            return new BearerToken.Invalid("more than one Authorization header");
        }
        return extract(authorizationValues.get(0));
    }

    /**
     * Looks at the Authorization header values and the {@code access_token} query parameters of a request. The query
     * method is not supported, but a token there next to a header is two methods at once (RFC 6750 section 2: a
     * client MUST NOT): an upstream that reads the query would act on a token nobody checked.
     */
    public BearerToken extract(List<String> authorizationValues, List<String> queryTokens) {
        BearerToken fromHeader = extract(authorizationValues);
        if (queryTokens != null && !queryTokens.isEmpty() && !(fromHeader instanceof BearerToken.Missing)) {
            return new BearerToken.Invalid("token in both the Authorization header and the query");
        }
        return fromHeader;
    }

    /** Parses one Authorization header value. */
    public BearerToken extract(String value) {
        if (value == null) {
            return new BearerToken.Missing();
        }
        int start = 0;
        int end = value.length();
        while (start < end && isSpace(value.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(value.charAt(end - 1))) {
            end--;
        }
        if (start == end) {
            return new BearerToken.Invalid("empty Authorization header");
        }
        if (end - start < SCHEME.length() || !value.regionMatches(true, start, SCHEME, 0, SCHEME.length())) {
            return new BearerToken.Invalid("Authorization scheme is not Bearer");
        }
        int p = start + SCHEME.length();
        if (p == end) {
            return new BearerToken.Invalid("Bearer scheme without a token");
        }
        if (value.charAt(p) != ' ') {
            return new BearerToken.Invalid("Authorization scheme is not Bearer");
        }
        while (p < end && value.charAt(p) == ' ') {
            p++;
        }
        if (p == end) {
            return new BearerToken.Invalid("Bearer scheme without a token");
        }
        for (int i = p; i < end; i++) {
            if (!isToken68(value.charAt(i))) {
                return new BearerToken.Invalid("Bearer token has characters outside token68");
            }
        }
        return new BearerToken.Found(value.substring(p, end));
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    /** RFC 6750 b64token / RFC 7235 token68 characters. */
    private static boolean isToken68(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/' || c == '=';
    }
}
