package org.bricknet.optim.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bricknet.core.io.BadFileException;

/**
 * A {@link TrainingHistory} as JSON text: an array of
 * {@code {"epoch":1,"mean_loss":0.5,"train_accuracy":0.9,"test_accuracy":null,"seconds":1.2}},
 * numbers written in full so that they read back bit for bit, a missing accuracy (NaN) as null.
 */
final class HistoryJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] COLUMNS = {"mean_loss", "train_accuracy", "test_accuracy", "seconds"};

    private HistoryJson() {}

    static String write(TrainingHistory h) {
        ArrayNode a = JSON.createArrayNode();
        for (EpochStats e : h.epochs()) {
            ObjectNode o = a.addObject().put("epoch", e.epoch());
            double[] v = {e.meanLoss(), e.trainAccuracy(), e.testAccuracy(), e.seconds()};
            for (int i = 0; i < v.length; i++) {
                if (Double.isFinite(v[i])) {
                    o.put(COLUMNS[i], v[i]);
                } else {
                    o.putNull(COLUMNS[i]);
                }
            }
        }
        return a.toString();
    }

    /** Reads a history that must hold exactly epochs {@code 1..epochs}. */
    static TrainingHistory read(String text, int epochs, String file) throws BadFileException {
        JsonNode a;
        try {
            a = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadFileException(
                    file, "__metadata__ 'history' is not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (a == null || !a.isArray() || a.size() != epochs) {
            throw new BadFileException(file, "__metadata__ 'history' must be an array of " + epochs + " epochs");
        }
        TrainingHistory h = new TrainingHistory();
        for (int i = 0; i < epochs; i++) {
            JsonNode o = a.get(i);
            if (!o.path("epoch").isInt() || o.get("epoch").asInt() != i + 1) {
                throw new BadFileException(file, "__metadata__ 'history' entry " + i + " is not epoch " + (i + 1));
            }
            double[] v = new double[COLUMNS.length];
            for (int c = 0; c < v.length; c++) {
                JsonNode n = o.get(COLUMNS[c]);
                if (n == null || !(n.isNull() || n.isNumber())) {
                    throw new BadFileException(
                            file,
                            "__metadata__ 'history' epoch " + (i + 1) + ": '" + COLUMNS[c]
                                    + "' must be a number or null");
                }
                v[c] = n.isNull() ? Double.NaN : n.asDouble();
            }
            h.add(new EpochStats(i + 1, v[0], v[1], v[2], v[3]));
        }
        return h;
    }
}
