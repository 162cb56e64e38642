package io.tokencheck.config;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The parsed YAML tree, detached from Helidon so that the schema walk is plain Java. */
sealed interface YamlNode {

    /** A key/value block; keys sorted (the YAML parser does not keep file order). */
    record Mapping(Map<String, YamlNode> entries) implements YamlNode {
        public Mapping {
            entries = Collections.unmodifiableMap(new TreeMap<>(entries));
        }
    }

    /** A list, in file order. */
    record Sequence(List<YamlNode> items) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }
    }

    /** A single value; YAML null and empty values arrive as "". */
    record Scalar(String text) implements YamlNode {
    }

    /** How the node is described in "found ..." parts of error messages. */
    static String describe(YamlNode node) {
        return switch (node) {
            case Mapping m -> "a mapping";
            case Sequence s -> "a list";
            case Scalar s when s.text().isEmpty() -> "an empty value";
            case Scalar s -> "a single value " + Quoted.of(s.text());
        };
    }

    /** YAML null or an empty string: treated as "not set" everywhere. */
    static boolean isEmptyScalar(YamlNode node) {
        return node instanceof Scalar s && s.text().isEmpty();
    }
}
