package org.bricknet.core;

import java.util.Arrays;
import java.util.Collection;

/** "Did you mean": the nearest of some names to one that was not found, for error messages. */
public final class Names {
    private Names() {}

    /**
     * {@code " (did you mean 'hidden'?)"} when one of {@code names} is within two edits of
     * {@code wrong} (Levenshtein distance), the nearest first found; else the empty string.
     */
    public static String suggestion(String wrong, Collection<String> names) {
        if (wrong == null) {
            return "";
        }
        String best = null;
        int bestDistance = 3;
        for (String n : names) {
            int d = distance(wrong, n);
            if (d < bestDistance) {
                bestDistance = d;
                best = n;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    /** Levenshtein distance: the fewest insertions, deletions and substitutions from a to b. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        Arrays.setAll(prev, j -> j);
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
