package dev.fewhot.cli;

import dev.fewhot.model.Quantization;
import picocli.CommandLine.Option;

/**
 * {@code --quantize none|int8}: how the commands that score rows (predict, eval, bench-latency)
 * store the model's weights while scoring. The model file is not changed.
 */
final class QuantizeOption {
    @Option(names = "--quantize", paramLabel = "none|int8", defaultValue = "none",
            description = "Weights for scoring (default ${DEFAULT-VALUE}): none = float32 as trained; int8 = weight-only "
                    + "int8 with per-column scales, for latency (check with eval that the measures move little).")
    String quantize;

    /** The parsed value; an IllegalArgumentException naming --quantize when it is neither. */
    Quantization value() {
        return Quantization.fromId(quantize);
    }
}
