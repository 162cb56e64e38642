package io.tokencheck.parse;

/** The outcome of parsing a compact JWS: a parsed token or a failure with its reason. Never an exception. */
public sealed interface ParseResult permits ParsedToken, ParseFailure {
}
