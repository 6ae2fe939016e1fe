package dev.fewhot.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering of the main sources: every reference from one {@code dev.fewhot} package to
 * another (imports and fully qualified names, comments included, since a Javadoc link is a
 * dependency of the documentation) forms a graph that must have no cycle, and a few packages must
 * stay below others.
 */
class PackageCyclesTest {
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("\\b(dev\\.fewhot(?:\\.[a-z]\\w*)*)\\.[A-Z]");

    /** Package to the packages it references, from the main sources of the kernels, core and cli modules. */
    static Map<String, Set<String>> graph() throws IOException {
        String root = System.getProperty("fewhot.root");
        Path base = root == null || root.isBlank() ? Path.of("..") : Path.of(root);
        Map<String, Set<String>> g = new TreeMap<>();
        for (String module : List.of("fewhot-kernels", "fewhot-core", "fewhot-cli")) {
            Path src = base.resolve(module).resolve("src/main/java");
            assertTrue(Files.isDirectory(src), "main sources of " + module + " at " + src.toAbsolutePath());
            try (Stream<Path> files = Files.walk(src)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(f);
                    Matcher pm = PACKAGE.matcher(text);
                    assertTrue(pm.find(), "package declaration in " + f);
                    String pkg = pm.group(1);
                    Set<String> deps = g.computeIfAbsent(pkg, k -> new TreeSet<>());
                    Matcher m = REFERENCE.matcher(text);
                    while (m.find()) if (!m.group(1).equals(pkg)) deps.add(m.group(1));
                }
            }
        }
        return g;
    }

    /** The cycles (strongly connected components of more than one package), by Tarjan's algorithm. */
    static List<Set<String>> cycles(Map<String, Set<String>> g) {
        Map<String, Integer> index = new HashMap<>(), low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String v : g.keySet()) if (!index.containsKey(v)) strongConnect(v, g, index, low, stack, onStack, out, counter);
        return out;
    }

    private static void strongConnect(String v, Map<String, Set<String>> g, Map<String, Integer> index, Map<String, Integer> low,
                                      Deque<String> stack, Set<String> onStack, List<Set<String>> out, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : g.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                strongConnect(w, g, index, low, stack, onStack, out, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> scc = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                scc.add(w);
            } while (!w.equals(v));
            if (scc.size() > 1) out.add(scc);
        }
    }

    @Test
    void noPackageCycles() throws IOException {
        Map<String, Set<String>> g = graph();
        assertTrue(g.size() > 10, "found the packages: " + g.keySet());
        List<Set<String>> c = cycles(g);
        StringBuilder why = new StringBuilder();
        for (Set<String> scc : c) {
            why.append("\ncycle among ").append(scc).append(':');
            for (String p : scc) {
                Set<String> in = new TreeSet<>(g.get(p));
                in.retainAll(scc);
                why.append("\n  ").append(p).append(" -> ").append(in);
            }
        }
        assertEquals(List.of(), c, why.toString());
    }

    @Test
    void lowerLayersDoNotReachUp() throws IOException {
        Map<String, Set<String>> g = graph();
        Map<String, List<String>> forbidden = Map.of(
                "dev.fewhot.kernels", List.of("dev.fewhot."),
                "dev.fewhot.data", List.of("dev.fewhot.data.io", "dev.fewhot.model", "dev.fewhot.train", "dev.fewhot.io",
                        "dev.fewhot.metrics", "dev.fewhot.decide", "dev.fewhot.loss"),
                "dev.fewhot.data.io", List.of("dev.fewhot.io", "dev.fewhot.model", "dev.fewhot.train", "dev.fewhot.metrics"),
                "dev.fewhot.decide", List.of("dev.fewhot.metrics", "dev.fewhot.train", "dev.fewhot.model"),
                "dev.fewhot.metrics", List.of("dev.fewhot.train", "dev.fewhot.model", "dev.fewhot.io"),
                "dev.fewhot.io", List.of("dev.fewhot.train", "dev.fewhot.cli"),
                "dev.fewhot.train", List.of("dev.fewhot.cli"));
        for (var e : forbidden.entrySet()) {
            for (String dep : g.getOrDefault(e.getKey(), Set.of())) {
                for (String bad : e.getValue()) {
                    boolean hit = bad.endsWith(".") ? dep.startsWith(bad) && !dep.equals(e.getKey()) : dep.equals(bad);
                    assertFalse(hit, e.getKey() + " must not depend on " + dep);
                }
            }
        }
        for (var e : g.entrySet()) {
            if (!e.getKey().equals("dev.fewhot.cli") && !e.getKey().startsWith("dev.fewhot.cli.")) {
                for (String dep : e.getValue()) assertFalse(dep.startsWith("dev.fewhot.cli"), e.getKey() + " depends on the CLI: " + dep);
            }
        }
    }

    @Test
    void theCheckFindsACycle() {
        Map<String, Set<String>> g = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a")));
        assertEquals(List.of(Set.of("a", "b", "c")), cycles(g));
        assertEquals(List.of(), cycles(Map.of("a", Set.of("b"), "b", Set.of())));
    }
}
