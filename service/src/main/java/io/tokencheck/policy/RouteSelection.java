package io.tokencheck.policy;

/** What the route table says about one original request. */
public sealed interface RouteSelection {

    /**
     * A route matched; its policy applies.
     *
     * @param policy the policy name
     * @param index  the route's position in {@code routes} (0-based), for logs and tests
     */
    record Matched(String policy, int index) implements RouteSelection {
    }

    /** No route covers the request: it is denied (write a catch-all {@code prefix: /} route to choose otherwise). */
    record Unmatched() implements RouteSelection {
    }

    /**
     * The forwarded path cannot be matched safely (see {@link RoutePath}): the request is denied.
     *
     * @param why a short explanation that never echoes the request
     */
    record Refused(String why) implements RouteSelection {
    }
}
