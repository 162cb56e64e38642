package io.tokencheck.extract;

/** The outcome of looking for a bearer token in a request. */
public sealed interface BearerToken {

    /** A token was found (not yet checked in any way). */
    record Found(String token) implements BearerToken {
    }

    /** The request carries no bearer credentials at all. */
    record Missing() implements BearerToken {
    }

    /** The request carries credentials in an ambiguous or invalid way (several headers, empty token, another scheme). */
    record Invalid(String description) implements BearerToken {
    }
}
