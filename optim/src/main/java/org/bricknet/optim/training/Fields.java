package org.bricknet.optim.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bricknet.core.io.BadFileException;

/** A checkpoint's string metadata, read field by field; a missing or malformed field names itself. */
final class Fields {
    private final Map<String, String> meta;
    private final String file;

    Fields(Map<String, String> meta, String file) {
        this.meta = meta;
        this.file = file;
    }

    String text(String key) throws BadFileException {
        String v = meta.get(key);
        if (v == null) {
            throw new BadFileException(file, "__metadata__ lacks '" + key + "'; not a complete bricknet checkpoint");
        }
        return v;
    }

    long number(String key) throws BadFileException {
        String v = text(key);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new BadFileException(file, "__metadata__ '" + key + "' is '" + v + "'; expected a whole number");
        }
    }

    int integer(String key, int min) throws BadFileException {
        long v = number(key);
        if (v < min || v > Integer.MAX_VALUE) {
            throw new BadFileException(file, "__metadata__ '" + key + "' is " + v + "; expected an int >= " + min);
        }
        return (int) v;
    }

    double learningRate() throws BadFileException {
        String v = text("learning_rate");
        try {
            double d = Double.parseDouble(v);
            if (d > 0 && Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadFileException(file, "__metadata__ 'learning_rate' is '" + v + "'; expected a finite number > 0");
    }

    Sampling sampling() throws BadFileException {
        String v = text("sampling");
        try {
            return Sampling.valueOf(v);
        } catch (IllegalArgumentException e) {
            throw new BadFileException(
                    file,
                    "__metadata__ 'sampling' is '" + v + "'; expected one of "
                            + java.util.Arrays.toString(Sampling.values()));
        }
    }

    /** The fields other than {@code reserved}, in file order. */
    Map<String, String> rest(List<String> reserved) {
        Map<String, String> out = new LinkedHashMap<>(meta);
        reserved.forEach(out::remove);
        return java.util.Collections.unmodifiableMap(out);
    }
}
