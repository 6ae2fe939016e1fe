package dev.fewhot.model;

import dev.fewhot.kernels.Activation;
import java.util.List;

/**
 * The architecture of a feed-forward multi-label model: {@code inputDim -> hidden... -> outputDim}
 * logits, one sigmoid per label. No hidden layer gives a linear model.
 *
 * @param inputDim   number of input features, &gt; 0
 * @param hidden     hidden layer widths, 0 to 3 layers, each &gt; 0
 * @param outputDim  number of labels, &gt; 0
 * @param activation hidden activation, {@link Activation#RELU} or {@link Activation#GELU}
 * @param dropout    dropout rate on hidden activations during training, in [0, 1)
 */
public record ModelConfig(int inputDim, List<Integer> hidden, int outputDim, Activation activation, double dropout) {
    /** Most hidden layers supported. */
    public static final int MAX_HIDDEN_LAYERS = 3;

    public ModelConfig {
        if (inputDim <= 0) throw new IllegalArgumentException("inputDim must be > 0, got " + inputDim);
        if (outputDim <= 0) throw new IllegalArgumentException("outputDim must be > 0, got " + outputDim);
        hidden = hidden == null ? List.of() : List.copyOf(hidden);
        if (hidden.size() > MAX_HIDDEN_LAYERS) {
            throw new IllegalArgumentException("hidden must have at most " + MAX_HIDDEN_LAYERS + " layers, got " + hidden);
        }
        for (int h : hidden) if (h <= 0) throw new IllegalArgumentException("hidden widths must be > 0, got " + hidden);
        if (activation == null || activation == Activation.NONE) {
            throw new IllegalArgumentException("activation must be RELU or GELU, got " + activation);
        }
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
    }

    /** A linear model. */
    public static ModelConfig linear(int inputDim, int outputDim) {
        return new ModelConfig(inputDim, List.of(), outputDim, Activation.RELU, 0.0);
    }

    /** An MLP with ReLU hidden layers and no dropout. */
    public static ModelConfig mlp(int inputDim, List<Integer> hidden, int outputDim) {
        return new ModelConfig(inputDim, hidden, outputDim, Activation.RELU, 0.0);
    }

    /**
     * The settings as strings by name ({@link #fromSettings} reads them back): input_dim, hidden,
     * output_dim, activation, dropout. Checkpoints store them; resume compares them.
     */
    public java.util.Map<String, String> toSettings() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("input_dim", String.valueOf(inputDim));
        m.put("hidden", hidden.toString());
        m.put("output_dim", String.valueOf(outputDim));
        m.put("activation", activation.name().toLowerCase(java.util.Locale.ROOT));
        m.put("dropout", String.valueOf(dropout));
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Reads {@link #toSettings()}; a missing or malformed entry is an IllegalArgumentException naming it. */
    public static ModelConfig fromSettings(java.util.Map<String, String> m) {
        String h = Settings.get(m, "hidden").trim();
        if (!h.startsWith("[") || !h.endsWith("]")) throw new IllegalArgumentException("hidden: expected [W, ...], got '" + h + "'");
        String inner = h.substring(1, h.length() - 1).trim();
        return new ModelConfig(Settings.integer(m, "input_dim"), inner.isEmpty() ? List.of() : hiddenWidths(inner),
                Settings.integer(m, "output_dim"), activation(Settings.get(m, "activation")), Settings.real(m, "dropout"));
    }

    /** Parses a hidden activation id: {@code relu} or {@code gelu} (any case). */
    public static Activation activation(String id) {
        String v = id == null ? "" : id.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (v) {
            case "relu" -> Activation.RELU;
            case "gelu" -> Activation.GELU;
            default -> throw new IllegalArgumentException("--activation must be relu or gelu, got '" + id + "'");
        };
    }

    /**
     * Parses comma-separated hidden widths such as {@code 1024,512}; 0 stands for no hidden layer
     * (a linear model).
     */
    public static List<Integer> hiddenWidths(String spec) {
        List<Integer> widths = new java.util.ArrayList<>();
        for (String t : spec.split(",")) {
            t = t.trim();
            int w;
            try {
                w = Integer.parseInt(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--hidden must be comma-separated widths such as 1024,512, got '" + spec + "'");
            }
            if (w < 0) throw new IllegalArgumentException("--hidden widths must be >= 0, got '" + spec + "'");
            if (w > 0) widths.add(w);
        }
        return List.copyOf(widths);
    }

    /** Number of weight layers (hidden layers + output layer). */
    public int layers() { return hidden.size() + 1; }

    /** Input width of weight layer i. */
    public int in(int layer) { return layer == 0 ? inputDim : hidden.get(layer - 1); }

    /** Output width of weight layer i. */
    public int out(int layer) { return layer == hidden.size() ? outputDim : hidden.get(layer); }

    /** Offset of layer i's weights (in x out, row-major) in the flat parameter array. */
    public int weightOffset(int layer) {
        long off = 0;
        for (int i = 0; i < layer; i++) off += (long) in(i) * out(i) + out(i);
        return Math.toIntExact(off);
    }

    /** Offset of layer i's bias (out) in the flat parameter array. */
    public int biasOffset(int layer) {
        return Math.toIntExact(weightOffset(layer) + (long) in(layer) * out(layer));
    }

    /** Total number of parameters. */
    public int parameterCount() {
        return weightOffset(layers());
    }

    /** The widest layer output (for workspace sizing). */
    public int maxWidth() {
        int w = outputDim;
        for (int h : hidden) w = Math.max(w, h);
        return w;
    }
}
