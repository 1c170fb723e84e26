package org.bricknet.optim.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.bricknet.core.io.BadFileException;

/**
 * A {@link TrainingHistory} as JSON text: an array of
 * {@code {"epoch":1,"mean_loss":0.5,"train_accuracy":0.9,"test_accuracy":null,"seconds":1.2,...}}
 * with the columns of {@link TrainingHistory#toCsv()}, numbers written in full so that they read
 * back bit for bit, a value not measured (NaN) as null. Reading, the first four columns must be
 * there; the later ones may be missing (histories written before they existed) and read as NaN.
 */
final class HistoryJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REQUIRED = 4;

    private HistoryJson() {}

    static String write(TrainingHistory h) {
        ArrayNode a = JSON.createArrayNode();
        for (EpochStats e : h.epochs()) {
            ObjectNode o = a.addObject().put("epoch", e.epoch());
            for (TrainingHistory.Column c : TrainingHistory.columns()) {
                double v = c.value().applyAsDouble(e);
                if (Double.isFinite(v)) {
                    o.put(c.key(), v);
                } else {
                    o.putNull(c.key());
                }
            }
        }
        return a.toString();
    }

    /** Reads a history that must hold exactly epochs {@code 1..epochs} (any number when {@code epochs < 0}). */
    static TrainingHistory read(String text, int epochs, String file) throws BadFileException {
        return read(text, epochs, file, "__metadata__ 'history'");
    }

    /** As {@link #read(String, int, String)}, naming the text {@code what} in messages. */
    static TrainingHistory read(String text, int epochs, String file, String what) throws BadFileException {
        JsonNode a;
        try {
            a = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadFileException(file, what + " is not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (a == null || !a.isArray() || (epochs >= 0 && a.size() != epochs)) {
            throw new BadFileException(
                    file, what + " must be an array of " + (epochs >= 0 ? epochs + " " : "") + "epochs");
        }
        epochs = a.size();
        List<TrainingHistory.Column> columns = TrainingHistory.columns();
        TrainingHistory h = new TrainingHistory();
        for (int i = 0; i < epochs; i++) {
            JsonNode o = a.get(i);
            if (!o.path("epoch").isInt() || o.get("epoch").asInt() != i + 1) {
                throw new BadFileException(file, what + " entry " + i + " is not epoch " + (i + 1));
            }
            double[] v = new double[columns.size()];
            for (int c = 0; c < v.length; c++) {
                String key = columns.get(c).key();
                JsonNode n = o.get(key);
                if (n == null && c >= REQUIRED) {
                    v[c] = Double.NaN;
                    continue;
                }
                if (n == null || !(n.isNull() || n.isNumber())) {
                    throw new BadFileException(
                            file, what + " epoch " + (i + 1) + ": '" + key + "' must be a number or null");
                }
                v[c] = n.isNull() ? Double.NaN : n.asDouble();
            }
            h.add(new EpochStats(i + 1, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]));
        }
        return h;
    }
}
