package io.tokencheck.config;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Rejoins map keys that contain dots. Helidon splits every key at '.', so {@code "a.b": x} arrives as
 * {@code a: {b: x}}; where the schema has free-form names (policy names, claim names, header names), the nesting is
 * folded back into the dotted name until a node that is a proper entry value is reached.
 */
final class DottedKeys {

    private DottedKeys() {
    }

    /**
     * @param isValue true for a node that is an entry's value (and must not be unfolded further)
     * @return entries by rejoined name, sorted
     */
    static Map<String, YamlNode> rejoin(YamlNode.Mapping mapping, Predicate<YamlNode> isValue) {
        Map<String, YamlNode> out = new TreeMap<>();
        mapping.entries().forEach((name, node) -> collect(name, node, isValue, out));
        return out;
    }

    private static void collect(String name, YamlNode node, Predicate<YamlNode> isValue, Map<String, YamlNode> out) {
        if (!isValue.test(node) && node instanceof YamlNode.Mapping nested && !nested.entries().isEmpty()) {
            nested.entries().forEach((child, value) -> collect(name + "." + child, value, isValue, out));
        } else {
            out.put(name, node);
        }
    }
}
