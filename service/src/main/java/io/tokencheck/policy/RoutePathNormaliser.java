package io.tokencheck.policy;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The normalisation rules behind {@link RoutePath#of(String)}. */
final class RoutePathNormaliser {

    private RoutePathNormaliser() {
    }

    /** Normalises a request target as a gateway forwards it (origin form with query, or absolute form). */
    static RoutePath normalise(String requestTarget) {
        if (requestTarget == null || requestTarget.isEmpty()) {
            return new RoutePath.Refused("no path");
        }
        String target = requestTarget;
        int schemeEnd = absoluteFormPathStart(target);
        if (schemeEnd >= 0) {
            target = schemeEnd == target.length() ? "/" : target.substring(schemeEnd);
        }
        int end = target.length();
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        if (end == 0 || target.charAt(0) != '/') {
            return new RoutePath.Refused("path does not start with /");
        }
        List<String> segments = new ArrayList<>();
        int start = 1;
        while (start <= end) {
            int slash = target.indexOf('/', start);
            int segEnd = slash < 0 || slash > end ? end : slash;
            String raw = target.substring(start, segEnd);
            String segment;
            try {
                segment = decodeSegment(raw);
            } catch (RefusedSegment e) {
                return new RoutePath.Refused(e.getMessage());
            }
            if (segment.isEmpty() || segment.equals(".")) {
                // "//" and "/./" add nothing; a trailing slash is ignored.
            } else if (segment.equals("..")) {
                if (!segments.isEmpty()) {
                    segments.removeLast();
                } // above the root stays at the root (RFC 3986 5.2.4)
            } else {
                segments.add(segment);
            }
            start = segEnd + 1;
        }
        return new RoutePath.Normal(segments);
    }

    /** Index of the path in an absolute-form target ({@code http://host/path}), or -1 when it is not one. */
    private static int absoluteFormPathStart(String target) {
        int authority;
        if (target.regionMatches(true, 0, "http://", 0, 7)) {
            authority = 7;
        } else if (target.regionMatches(true, 0, "https://", 0, 8)) {
            authority = 8;
        } else {
            return -1;
        }
        for (int i = authority; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                return c == '/' ? i : target.length();
            }
        }
        return target.length();
    }

    /** The decoded segment; refuses what a backend might read differently. */
    private static String decodeSegment(String raw) throws RefusedSegment {
        boolean escaped = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw new RefusedSegment("character outside visible ASCII");
            }
            if (c == '\\') {
                throw new RefusedSegment("backslash");
            }
            if (c == ';') {
                throw new RefusedSegment("path parameter (;)");
            }
            if (c == '%') {
                escaped = true;
            }
        }
        if (!escaped) {
            return raw;
        }
        byte[] bytes = new byte[raw.length()];
        int n = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                bytes[n++] = (byte) c;
                continue;
            }
            int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
            if (lo < 0) {
                throw new RefusedSegment("malformed percent-encoding");
            }
            int b = hi * 16 + lo;
            switch (b) {
                case '/', '\\' -> {
                    throw new RefusedSegment("encoded slash or backslash");
                }
                case '%' -> {
                    throw new RefusedSegment("encoded percent sign (double encoding)");
                }
                case '.' -> {
                    throw new RefusedSegment("encoded dot");
                }
                case ';' -> {
                    throw new RefusedSegment("path parameter (;)");
                }
                default -> {
                    if (b < 0x20 || b == 0x7f) {
                        throw new RefusedSegment("encoded control character");
                    }
                }
            }
            bytes[n++] = (byte) b;
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, n))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new RefusedSegment("invalid UTF-8");
        }
    }

    /** Why a segment is refused; cheap (no stack trace), never leaves this class. */
    private static final class RefusedSegment extends Exception {
        RefusedSegment(String why) {
            super(why, null, false, false);
        }
    }
}
