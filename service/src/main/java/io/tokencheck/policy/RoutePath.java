package io.tokencheck.policy;

import java.util.List;

/**
 * The path of a gateway's original request, normalised once so that route matching sees what the backend will
 * serve: {@code /public/../admin} is {@code /admin}. Anything a backend might read in more than one way (an
 * encoded slash, backslash, dot or percent sign, a {@code ;}, a control character, invalid UTF-8) is refused
 * rather than guessed. The rules are listed in docs/gateways.md.
 */
public sealed interface RoutePath {

    /**
     * A path that can be matched.
     *
     * @param segments the decoded segments: no empty ones, no {@code .} or {@code ..}; empty for {@code /}
     */
    record Normal(List<String> segments) implements RoutePath {
        public Normal {
            segments = List.copyOf(segments);
        }

        /** The normalised path, {@code /} joined. */
        public String path() {
            return "/" + String.join("/", segments);
        }
    }

    /**
     * A path that is refused: the request must be denied.
     *
     * @param why a short explanation (never echoes the path)
     */
    record Refused(String why) implements RoutePath {
    }

    /** Normalises a request target as a gateway forwards it (origin form with query, or absolute form). */
    static RoutePath of(String requestTarget) {
        return RoutePathNormaliser.normalise(requestTarget);
    }
}
