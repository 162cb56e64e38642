package io.tokencheck.cli;

/** A command line that cannot be run: the message says why, in one line. */
final class UsageException extends Exception {
    UsageException(String message) {
        super(message);
    }
}
