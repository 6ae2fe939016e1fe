package dev.fewhot.data.io;

import dev.fewhot.data.AttributeEncoding;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * Settings of the ARFF reader: where the label attributes come from, and how to treat missing
 * feature values.
 *
 * <p>Label attributes are found, in this order:
 * <ol>
 * <li>{@code labelsXml} given: a Mulan XML label file names them;</li>
 * <li>{@code mekaLabels} given (not 0): the first n ({@code n > 0}) or last -n ({@code n < 0})
 *     attributes, as MEKA's {@code -C n} in the relation name would say;</li>
 * <li>a Mulan XML file beside the ARFF: {@code <stem>.xml}, then {@code <prefix>.xml} where the
 *     prefix is the stem before its last {@code -} (so {@code bibtex-train.arff} finds
 *     {@code bibtex.xml});</li>
 * <li>MEKA's {@code -C n} / {@code -C -n} in the {@code @relation} name.</li>
 * </ol>
 * Otherwise reading fails with a message explaining both ways.
 *
 * @param labelsXml             the Mulan XML label file, or null to look beside the ARFF
 * @param mekaLabels            MEKA label count override: n first attributes (n > 0), -n last
 *                              attributes (n &lt; 0), or 0 for none
 * <p>Feature attributes are encoded as {@link AttributeEncoding} says: fitted on the file
 * ({@code encoding} null: nominals one-hot, two-valued nominals as one 0/1 column, identifier-like
 * attributes left out unless named in {@code keepAttributes}, the {@code dropAttributes} left out),
 * or the given encoding of a model applied by attribute name.
 *
 * @param missingFeaturesAsZero read a missing feature value {@code ?} as 0 instead of failing
 *                              (missing label values always fail)
 * @param keepAttributes        attributes to encode even when they look like identifiers
 * @param dropAttributes        feature attributes to leave out
 * @param encoding              the encoding to apply (a model's), or null to fit one on the file
 * @param notes                 where notes go (an attribute left out, values unseen in training):
 *                              one line each, meant for stderr
 */
public record ArffOptions(Path labelsXml, int mekaLabels, boolean missingFeaturesAsZero, List<String> keepAttributes,
                          List<String> dropAttributes, AttributeEncoding encoding, Consumer<String> notes) {
    /** Prints a note on stderr, prefixed "fewhot: ". */
    public static final Consumer<String> STDERR = m -> {
        System.err.println("fewhot: " + m);
        System.err.flush();
    };

    /** Labels from an XML beside the file or the relation's {@code -C}; missing values fail. */
    public static final ArffOptions DEFAULTS = new ArffOptions(null, 0, false);

    /** Label settings only; the encoding is fitted on the file, notes go to stderr. */
    public ArffOptions(Path labelsXml, int mekaLabels, boolean missingFeaturesAsZero) {
        this(labelsXml, mekaLabels, missingFeaturesAsZero, List.of(), List.of(), null, STDERR);
    }

    public ArffOptions {
        keepAttributes = keepAttributes == null ? List.of() : List.copyOf(keepAttributes);
        dropAttributes = dropAttributes == null ? List.of() : List.copyOf(dropAttributes);
        notes = notes == null ? m -> { } : notes;
        for (String k : keepAttributes) {
            if (dropAttributes.contains(k)) {
                throw new IllegalArgumentException("attribute '" + k + "' is both to keep and to drop");
            }
        }
        if (new HashSet<>(dropAttributes).size() != dropAttributes.size()) {
            throw new IllegalArgumentException("attributes to drop named twice: " + dropAttributes);
        }
        if (labelsXml != null && mekaLabels != 0) {
            throw new IllegalArgumentException("give either a labels XML file or a MEKA label count, not both (got "
                    + labelsXml + " and " + mekaLabels + ")");
        }
        if (mekaLabels == Integer.MIN_VALUE) {
            throw new IllegalArgumentException("mekaLabels out of range: " + mekaLabels);
        }
    }

    /** Labels named by the Mulan XML file {@code xml}. */
    public static ArffOptions labelsXml(Path xml) {
        if (xml == null) throw new IllegalArgumentException("labelsXml: a file is required");
        return new ArffOptions(xml, 0, false);
    }

    /** A copy that keeps these attributes even when they look like identifiers. */
    public ArffOptions withKeepAttributes(List<String> names) {
        return new ArffOptions(labelsXml, mekaLabels, missingFeaturesAsZero, names, dropAttributes, encoding, notes);
    }

    /** A copy that leaves these feature attributes out. */
    public ArffOptions withDropAttributes(List<String> names) {
        return new ArffOptions(labelsXml, mekaLabels, missingFeaturesAsZero, keepAttributes, names, encoding, notes);
    }

    /** A copy that applies {@code e} (a model's encoding; null: fit one on the file). */
    public ArffOptions withEncoding(AttributeEncoding e) {
        return new ArffOptions(labelsXml, mekaLabels, missingFeaturesAsZero, keepAttributes, dropAttributes, e, notes);
    }

    /** A copy that sends notes to {@code sink} (null: nowhere). */
    public ArffOptions withNotes(Consumer<String> sink) {
        return new ArffOptions(labelsXml, mekaLabels, missingFeaturesAsZero, keepAttributes, dropAttributes, encoding, sink);
    }

    /** The first n (n &gt; 0) or the last -n (n &lt; 0) attributes are labels, whatever the relation says. */
    public static ArffOptions meka(int n) {
        if (n == 0) throw new IllegalArgumentException("meka: the label count must not be 0");
        return new ArffOptions(null, n, false);
    }

    /** A copy that reads missing feature values as 0 (or fails on them when false). */
    public ArffOptions withMissingFeaturesAsZero(boolean asZero) {
        return new ArffOptions(labelsXml, mekaLabels, asZero, keepAttributes, dropAttributes, encoding, notes);
    }
}
