package dev.fewhot.data.io;

import java.nio.file.Path;

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
 * @param missingFeaturesAsZero read a missing feature value {@code ?} as 0 instead of failing
 *                              (missing label values always fail)
 */
public record ArffOptions(Path labelsXml, int mekaLabels, boolean missingFeaturesAsZero) {
    /** Labels from an XML beside the file or the relation's {@code -C}; missing values fail. */
    public static final ArffOptions DEFAULTS = new ArffOptions(null, 0, false);

    public ArffOptions {
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

    /** The first n (n &gt; 0) or the last -n (n &lt; 0) attributes are labels, whatever the relation says. */
    public static ArffOptions meka(int n) {
        if (n == 0) throw new IllegalArgumentException("meka: the label count must not be 0");
        return new ArffOptions(null, n, false);
    }

    /** A copy that reads missing feature values as 0 (or fails on them when false). */
    public ArffOptions withMissingFeaturesAsZero(boolean asZero) {
        return new ArffOptions(labelsXml, mekaLabels, asZero);
    }
}
