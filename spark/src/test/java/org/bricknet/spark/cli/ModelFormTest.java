package org.bricknet.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bricknet.core.io.BadFileException;
import org.junit.jupiter.api.Test;

/** A model file's loss: bricknet.jar records it; Spark trains each kind with its own loss only. */
class ModelFormTest {
    @Test
    void aModelOfAnotherLossIsRefusedAndOneWithoutALossIsItsKinds() throws Exception {
        ModelForm form = new ModelForm("mlp", new int[] {784}, new int[] {20}, 10, "relu", "he", 0, false, 0);
        assertEquals("softmax", form.metadata().get("loss"));
        Map<String, String> meta = new LinkedHashMap<>(form.metadata());
        assertEquals(form.kind(), ModelForm.fromMetadata(meta, "m").kind());
        meta.remove("loss");
        assertEquals(form.kind(), ModelForm.fromMetadata(meta, "m").kind(), "a file from before losses were recorded");
        meta.put("loss", "sigmoid");
        assertEquals(
                "m: __metadata__ 'loss' is 'sigmoid'; bricknet-spark trains mlp with 'softmax' only",
                assertThrows(BadFileException.class, () -> ModelForm.fromMetadata(meta, "m"))
                        .getMessage());
    }
}
