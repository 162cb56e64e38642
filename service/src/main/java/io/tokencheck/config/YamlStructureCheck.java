package io.tokencheck.config;

import java.io.StringReader;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Checks what Helidon's YAML parsing cannot report well: syntax errors with line and column, duplicate keys (the
 * parser silently keeps the last one, so a second {@code audiences:} would replace the first) and recursive aliases.
 * Uses SnakeYAML, the parser under helidon-config-yaml, only to compose the node tree; nothing is constructed.
 */
final class YamlStructureCheck {

    private YamlStructureCheck() {
    }

    /** Throws a one-line error prefixed with {@code label} if the text is not a clean YAML document. */
    static void check(String text, String label) throws ConfigException {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            throw new ConfigException(label + ": " + syntaxError(e));
        } catch (YAMLException e) {
            throw new ConfigException(label + ": cannot parse the file as YAML: " + e.getMessage());
        }
        if (root != null) {
            walk(root, "", Collections.newSetFromMap(new IdentityHashMap<>()), Collections.newSetFromMap(new IdentityHashMap<>()), label);
        }
    }

    private static String syntaxError(MarkedYAMLException e) {
        StringBuilder out = new StringBuilder("YAML syntax error");
        if (e.getProblemMark() != null) {
            out.append(" at ").append(position(e.getProblemMark()));
        }
        out.append(": ").append(e.getProblem() == null ? "invalid YAML" : e.getProblem());
        if (e.getContext() != null) {
            out.append(" (").append(e.getContext());
            if (e.getContextMark() != null) {
                out.append(", started at ").append(position(e.getContextMark()));
            }
            out.append(')');
        }
        return out.toString();
    }

    private static String position(Mark mark) {
        return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    }

    /**
     * @param onPath nodes being walked (a node met again here is a recursive alias)
     * @param done   nodes already checked (aliases to them need no second walk)
     */
    private static void walk(Node node, String path, Set<Node> onPath, Set<Node> done, String label) throws ConfigException {
        if (onPath.contains(node)) {
            throw new ConfigException(label + ": line " + (node.getStartMark().getLine() + 1) + ": "
                    + (path.isEmpty() ? "" : path + ": ") + "recursive alias (a value that contains itself)");
        }
        if (!done.add(node)) {
            return;
        }
        onPath.add(node);
        if (node instanceof MappingNode mapping) {
            Map<String, Integer> lineByKey = new HashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node keyNode = tuple.getKeyNode();
                String key = keyNode instanceof ScalarNode scalar ? scalar.getValue() : "?";
                int line = keyNode.getStartMark().getLine() + 1;
                String childPath = path.isEmpty() ? key : path + "." + key;
                // Merge keys ("<<: *defaults") may be overridden by explicit keys: that is their purpose.
                if (!Tag.MERGE.equals(keyNode.getTag()) && keyNode instanceof ScalarNode) {
                    Integer first = lineByKey.putIfAbsent(key, line);
                    if (first != null) {
                        throw new ConfigException(label + ": " + childPath + ": key appears twice (lines " + first
                                + " and " + line + ")");
                    }
                }
                walk(tuple.getValueNode(), childPath, onPath, done, label);
            }
        } else if (node instanceof SequenceNode sequence) {
            for (int i = 0; i < sequence.getValue().size(); i++) {
                walk(sequence.getValue().get(i), path + "[" + i + "]", onPath, done, label);
            }
        }
        onPath.remove(node);
    }
}
