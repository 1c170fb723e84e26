package org.bricknet.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.bricknet.core.contract.LayerContract;
import org.bricknet.core.testing.Join;

/**
 * The running order of a graph's nodes is the one its contract names: of the nodes whose inputs are
 * all computed, always the one declared first. Checked against that rule written out the slow way
 * (scan the declarations for the first ready node, place it, start again) on random graphs declared
 * in random orders.
 */
class GraphOrderTest {

    @Property(seed = LayerContract.SEED, tries = 200)
    void nodesRunInTheOrderOfTheFirstReadyDeclaration(
            @ForAll @IntRange(min = 1, max = 40) int size, @ForAll long seed) {
        Random r = new Random(seed);
        // node i takes one to three of x and the nodes before it; declared in a shuffled order
        List<String> names = new ArrayList<>();
        List<List<String>> takes = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (int i = 0; i < size; i++) {
            List<String> t = new ArrayList<>();
            for (int k = 1 + r.nextInt(3); k > 0; k--) {
                String from = r.nextInt(i + 1) == 0 ? "x" : "n" + r.nextInt(i);
                t.add(from);
                used.add(from);
            }
            names.add("n" + i);
            takes.add(t);
        }
        List<Integer> declared = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            declared.add(i);
        }
        Collections.shuffle(declared, r);
        GraphBuilder b = Graph.builder().input("x", 2);
        for (int i : declared) {
            b.node(names.get(i), new Join(), takes.get(i).toArray(new String[0]));
        }
        List<String> sinks = names.stream().filter(n -> !used.contains(n)).toList();
        b.output(sinks.toArray(new String[0]));
        if (!used.contains("x")) {
            return; // an input nobody takes is refused; not this property's business
        }
        Graph g = b.build();
        assertEquals(
                firstReadyEachTime(declared, names, takes),
                List.copyOf(g.nodes().keySet()));
    }

    /** The rule, the slow way. */
    private static List<String> firstReadyEachTime(
            List<Integer> declared, List<String> names, List<List<String>> takes) {
        Set<String> done = new HashSet<>(List.of("x"));
        List<String> out = new ArrayList<>();
        while (out.size() < declared.size()) {
            for (int i : declared) {
                if (!done.contains(names.get(i)) && done.containsAll(takes.get(i))) {
                    done.add(names.get(i));
                    out.add(names.get(i));
                    break;
                }
            }
        }
        return out;
    }
}
