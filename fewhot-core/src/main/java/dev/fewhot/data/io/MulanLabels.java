package dev.fewhot.data.io;

import dev.fewhot.data.DataFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads a Mulan XML label file: {@code <labels xmlns="http://mulan.sourceforge.net/labels">}
 * with {@code <label name="..."/>} elements, possibly nested (a label hierarchy), flattened in
 * document order. Parsed with the JDK's SAX parser with DTDs and external entities disabled.
 */
final class MulanLabels {
    private MulanLabels() { }

    /** One label element: its name and where it sits in the XML file. */
    record Label(String name, int line, int column) { }

    /** The labels of {@code xml}, in document order. */
    static List<Label> read(Path xml) throws IOException {
        String file = xml.toString();
        if (!Files.exists(xml)) throw new NoSuchFileException(file, null, "no such labels XML file");
        SAXParser parser;
        try {
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setNamespaceAware(true);
            f.setValidating(false);
            f.setXIncludeAware(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            parser = f.newSAXParser();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be configured safely", e);
        }
        Handler h = new Handler(file);
        try (InputStream in = Files.newInputStream(xml)) {
            InputSource src = new InputSource(in);
            src.setSystemId(xml.toUri().toString());
            parser.parse(src, h);
        } catch (Stop s) {
            throw s.error;
        } catch (SAXParseException e) {
            throw new DataFormatException(file, Math.max(0, e.getLineNumber()), Math.max(0, e.getColumnNumber()),
                    "a well-formed Mulan labels XML file", oneLine(e.getMessage()));
        } catch (SAXException e) {
            throw new DataFormatException(file, 0, 0, "a well-formed Mulan labels XML file", oneLine(e.getMessage()));
        } catch (IOException e) {
            throw Io.named(file, e);
        }
        if (h.labels.isEmpty()) {
            throw new DataFormatException(file, 0, 0, "at least one <label name=\"...\"/> element",
                    h.root == null ? "no elements" : "none");
        }
        return h.labels;
    }

    private static String oneLine(String s) {
        return s == null ? "a parse error" : s.replace('\n', ' ').replace('\r', ' ');
    }

    private static final class Stop extends SAXException {
        private static final long serialVersionUID = 1L;
        final transient DataFormatException error;

        Stop(DataFormatException error) {
            super(error.getMessage());
            this.error = error;
        }
    }

    private static final class Handler extends DefaultHandler {
        private final String file;
        private Locator loc;
        String root;
        final List<Label> labels = new ArrayList<>();
        private final Map<String, Label> seen = new HashMap<>();

        Handler(String file) {
            this.file = file;
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.loc = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            String name = localName == null || localName.isEmpty() ? qName : localName;
            int line = loc == null ? 0 : Math.max(0, loc.getLineNumber());
            int col = loc == null ? 0 : Math.max(0, loc.getColumnNumber());
            if (root == null) {
                root = name;
                if (!name.equals("labels")) {
                    throw new Stop(new DataFormatException(file, line, col, "the root element <labels> of a Mulan labels file",
                            "<" + qName + ">"));
                }
                return;
            }
            if (!name.equals("label")) return;
            String label = atts.getValue("name");
            if (label == null) {
                throw new Stop(new DataFormatException(file, line, col, "a name attribute on <label>", "none"));
            }
            Label l = new Label(label, line, col);
            Label before = seen.putIfAbsent(label, l);
            if (before != null) {
                throw new Stop(new DataFormatException(file, line, col, "each label name once",
                        Text.quote(label) + " again (first on line " + before.line() + ")"));
            }
            labels.add(l);
        }
    }
}
