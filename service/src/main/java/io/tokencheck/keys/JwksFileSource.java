package io.tokencheck.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;

/** Keys from a local JWKS file, read at start-up and again on every refresh. */
final class JwksFileSource implements KeySource {
    private final Path path;
    private final int maxBytes;
    private final JwkConverter converter;
    private final Duration freshFor;

    JwksFileSource(Path path, int maxBytes, JwkConverter converter, Duration freshFor) {
        this.path = path;
        this.maxBytes = maxBytes;
        this.converter = converter;
        this.freshFor = freshFor;
    }

    @Override
    public FetchOutcome fetch() {
        String text;
        try {
            if (Files.size(path) > maxBytes) {
                return new FetchOutcome.Failed("JWKS file " + path + " is larger than " + maxBytes + " bytes");
            }
            text = new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new FetchOutcome.Failed("JWKS file " + path + " does not exist");
        } catch (IOException | RuntimeException e) {
            return new FetchOutcome.Failed("cannot read JWKS file " + path + ": " + e.getClass().getSimpleName());
        }
        ConvertedKeys converted;
        try {
            converted = converter.convert(text);
        } catch (ParseException | RuntimeException e) {
            return new FetchOutcome.Failed("JWKS file " + path + " is not a JWKS");
        }
        if (converted.keys().isEmpty()) {
            return new FetchOutcome.Failed("JWKS file " + path + " has no usable keys ("
                    + converted.skipped().size() + " skipped)");
        }
        return new FetchOutcome.Fetched(converted.keys(), freshFor);
    }

    @Override
    public boolean refreshes() {
        return true;
    }

    @Override
    public String description() {
        return "JWKS file " + path;
    }
}
