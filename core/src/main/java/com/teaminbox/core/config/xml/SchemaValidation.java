package com.teaminbox.core.config.xml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.ValidatorHandler;

import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * The structure of {@code shared-mailboxes.xml} — which elements, in which order, which
 * attributes, required or not, their patterns and enumerations — is said once, by
 * {@code conf/shared-mailboxes.xsd}, the schema editors complete and check the file with. This
 * class validates a file against it and reports <em>every</em> violation at once, each with file,
 * line and column, so one round of editing fixes them all. The Java readers check only what a
 * schema cannot say: cross-references, durations, Lucene queries, templates.
 */
public final class SchemaValidation {
    static final String RESOURCE = "/com/teaminbox/core/config/shared-mailboxes.xsd";

    /** Xerces prefixes each message with the clause of XML Schema Part 1 it applies; the reason follows. */
    private static final Pattern CLAUSE = Pattern.compile("^(cvc-[a-zA-Z0-9.-]+): (.*)$", Pattern.DOTALL);
    /** cvc-attribute.3 names the attribute and its value after the facet error that explains why. */
    private static final Pattern ATTRIBUTE_VALUE = Pattern.compile(
        "The value '(.*)' of attribute '([^']+)' on element '([^']+)' is not valid with respect to its type.*", Pattern.DOTALL);
    private static final Pattern PATTERN_FACET = Pattern.compile("Value '.*' is not facet-valid with respect to pattern '(.*)' for type .*",
        Pattern.DOTALL);
    private static final Pattern ENUMERATION_FACET = Pattern.compile("Value '.*' is not facet-valid with respect to enumeration '\\[(.*)\\]'.*",
        Pattern.DOTALL);
    private static final Pattern LENGTH_FACET = Pattern.compile("Value '.*' with length = '\\d+' is not facet-valid with respect to "
        + "(maxLength|minLength) '(\\d+)'.*", Pattern.DOTALL);
    private static final Pattern RANGE_FACET = Pattern.compile("Value '.*' is not facet-valid with respect to (maxInclusive|minInclusive) '(.*)' for.*",
        Pattern.DOTALL);
    private static final Pattern DATATYPE = Pattern.compile("'.*' is not a valid value for '(.*)'\\.", Pattern.DOTALL);
    private static final Pattern UNKNOWN_ATTRIBUTE = Pattern.compile("Attribute '([^']+)' is not allowed to appear in element '[^']+'\\.");
    private static final Pattern MISSING_ATTRIBUTE = Pattern.compile("Attribute '([^']+)' must appear on element '[^']+'\\.");
    private static final Pattern UNEXPECTED_ELEMENT = Pattern.compile("Invalid content was found starting with element '(?:\\{[^}]*\\}:)?([^']+)'\\. "
        + "(?:One of '\\{(.*)\\}' is expected|No child element is expected at this point)\\.", Pattern.DOTALL);
    private static final Pattern INCOMPLETE = Pattern.compile("The content of element '[^']+' is not complete\\. One of '\\{(.*)\\}' is expected\\.",
        Pattern.DOTALL);
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate unique value \\[(.*)\\] declared for identity constraint .*", Pattern.DOTALL);

    private static final Schema SCHEMA = load();
    private static final SchemaAttributes ATTRIBUTES = SchemaAttributes.read(RESOURCE);

    private SchemaValidation() {
    }

    /**
     * A problem the schema found; {@code attribute} names the attribute when the problem is only its
     * value (the feature's reader may say the same more precisely).
     */
    public record Found(ConfigurationProblem problem, Optional<String> attribute, Optional<String> value) {
    }

    /** Every problem the schema finds in {@code content}, in document order; empty when the file follows it. */
    public static List<Found> problems(byte[] content, String fileName) {
        Collector collector = new Collector(fileName);
        ValidatorHandler validator = SCHEMA.newValidatorHandler();
        validator.setErrorHandler(collector);
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            // The file was read once already, refusing DTDs; no external access here either.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            XMLReader reader = factory.newSAXParser().getXMLReader();
            ElementTracker tracker = new ElementTracker(collector);
            tracker.setParent(reader);
            tracker.setContentHandler(validator);
            tracker.setErrorHandler(collector);
            tracker.parse(new InputSource(new ByteArrayInputStream(content)));
        } catch (SAXParseException e) {
            // Fatal (not well-formed): LineNumberedXmlReader reports it first; keep what was found.
            collector.add(e);
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new IllegalStateException("Cannot validate " + fileName + " against " + RESOURCE, e);
        }
        return collector.problems();
    }

    private static Schema load() {
        URL schema = SchemaValidation.class.getResource(RESOURCE);
        if (schema == null) {
            throw new IllegalStateException(RESOURCE + " is missing from the class path: the build packages it from conf/shared-mailboxes.xsd");
        }
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory.newSchema(schema);
        } catch (SAXException e) {
            throw new IllegalStateException("The schema " + RESOURCE + " is invalid: " + e.getMessage(), e);
        }
    }

    /** Passes SAX events on and remembers which element they concern, for the message's {@code <element>}. */
    private static final class ElementTracker extends XMLFilterImpl {
        private final Collector collector;
        private final Deque<String> open = new ArrayDeque<>();

        private ElementTracker(Collector collector) {
            this.collector = collector;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            collector.parent = Optional.ofNullable(open.peek());
            open.push(localName);
            collector.element = localName;
            super.startElement(uri, localName, qName, atts);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            collector.element = localName;
            super.endElement(uri, localName, qName);
            open.pop();
            collector.element = open.isEmpty() ? localName : open.peek();
        }
    }

    /** Collects every error instead of stopping at the first; merges a facet error with the attribute it concerns. */
    private static final class Collector implements ErrorHandler {
        private final String fileName;
        private final List<Found> problems = new ArrayList<>();
        private String element = "shared-mailboxes";
        private Optional<String> parent = Optional.empty();
        private Optional<String> pendingFacet = Optional.empty();

        private Collector(String fileName) {
            this.fileName = fileName;
        }

        @Override
        public void warning(SAXParseException exception) {
            // Warnings (e.g. an unresolvable xsi:schemaLocation hint) do not make a file invalid.
        }

        @Override
        public void error(SAXParseException exception) {
            add(exception);
        }

        @Override
        public void fatalError(SAXParseException exception) throws SAXException {
            throw exception;
        }

        private void add(SAXParseException exception) {
            String message = Optional.ofNullable(exception.getMessage()).orElse(exception.toString()).strip();
            Matcher clause = CLAUSE.matcher(message);
            String code = clause.matches() ? clause.group(1) : "";
            String reason = clause.matches() ? clause.group(2).strip() : message;
            if (isFacet(code)) {
                // The following cvc-attribute.3 (or cvc-type.3.1.3 for text) names the attribute.
                pendingFacet = Optional.of(reason);
                return;
            }
            Matcher attribute = ATTRIBUTE_VALUE.matcher(reason);
            Optional<String> attributeName = Optional.empty();
            Optional<String> value = Optional.empty();
            if (attribute.matches()) {
                attributeName = Optional.of(attribute.group(2));
                value = Optional.of(attribute.group(1));
                reason = attribute.group(2) + " '" + attribute.group(1) + "' is invalid"
                    + pendingFacet.map(SchemaValidation::accepted).map(accepted -> "; " + accepted).orElse("");
            } else {
                Matcher duplicate = DUPLICATE.matcher(reason);
                if (duplicate.matches()) {
                    value = Optional.of(duplicate.group(1));
                }
                reason = inPlainWords(reason, element, parent);
            }
            pendingFacet = Optional.empty();
            problems.add(new Found(new ConfigurationProblem(
                SourceLocation.of(fileName, exception.getLineNumber(), Math.max(exception.getColumnNumber(), 0), element), reason),
                attributeName, value));
        }

        private List<Found> problems() {
            return List.copyOf(problems);
        }

        private static boolean isFacet(String code) {
            return code.startsWith("cvc-pattern-valid") || code.startsWith("cvc-enumeration-valid")
                || code.startsWith("cvc-maxLength-valid") || code.startsWith("cvc-minLength-valid")
                || code.startsWith("cvc-maxInclusive-valid") || code.startsWith("cvc-minInclusive-valid")
                || code.startsWith("cvc-datatype-valid");
        }
    }

    /** What the schema accepts, in an administrator's words rather than the facet's. */
    private static String accepted(String facet) {
        Matcher pattern = PATTERN_FACET.matcher(facet);
        if (pattern.matches()) {
            return "it must match the pattern " + pattern.group(1);
        }
        Matcher enumeration = ENUMERATION_FACET.matcher(facet);
        if (enumeration.matches()) {
            return "accepted: " + enumeration.group(1);
        }
        Matcher length = LENGTH_FACET.matcher(facet);
        if (length.matches()) {
            return (length.group(1).equals("maxLength") ? "at most " : "at least ") + length.group(2) + " characters";
        }
        Matcher range = RANGE_FACET.matcher(facet);
        if (range.matches()) {
            return (range.group(1).equals("maxInclusive") ? "at most " : "at least ") + range.group(2);
        }
        Matcher datatype = DATATYPE.matcher(facet);
        if (datatype.matches()) {
            return "it must be a valid " + datatype.group(1);
        }
        return facet;
    }

    /** Xerces's structural messages, in the words the rest of our configuration errors use. */
    private static String inPlainWords(String reason, String element, Optional<String> parent) {
        Matcher unknown = UNKNOWN_ATTRIBUTE.matcher(reason);
        if (unknown.matches()) {
            return "has an unknown attribute '" + unknown.group(1) + "'; "
                + ATTRIBUTES.accepted(parent, element).filter(names -> !names.isEmpty())
                    .map(names -> "accepted: " + String.join(", ", names)).orElse("it takes no attributes");
        }
        Matcher missing = MISSING_ATTRIBUTE.matcher(reason);
        if (missing.matches()) {
            return "is missing the required attribute '" + missing.group(1) + "'";
        }
        Matcher unexpected = UNEXPECTED_ELEMENT.matcher(reason);
        if (unexpected.matches()) {
            String where = parent.map(name -> " inside <" + name + ">").orElse("");
            return unexpected.group(2) == null ? "is not allowed" + where + " here; nothing more may follow"
                : "is not allowed" + where + " here; expected: " + elements(unexpected.group(2));
        }
        Matcher incomplete = INCOMPLETE.matcher(reason);
        if (incomplete.matches()) {
            return "is incomplete; expected: " + elements(incomplete.group(1));
        }
        Matcher duplicate = DUPLICATE.matcher(reason);
        if (duplicate.matches()) {
            return "repeats '" + duplicate.group(1) + "', which must be unique";
        }
        return lowerFirst(reason);
    }

    private static String elements(String names) {
        return Pattern.compile(",\\s*").splitAsStream(names.strip()).map(name -> "<" + name.replaceFirst("^\\{[^}]*\\}:", "") + ">")
            .collect(Collectors.joining(", "));
    }

    private static String lowerFirst(String reason) {
        return reason.isEmpty() ? reason : Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
    }
}
