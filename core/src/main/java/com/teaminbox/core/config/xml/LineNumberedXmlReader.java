package com.teaminbox.core.config.xml;

import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an XML file into {@link XmlElement}s that remember their line. DTDs and external
 * entities are refused (an administrator's file is no place for XXE); so is text between
 * elements, because every value of ours is an attribute.
 */
public final class LineNumberedXmlReader {
    private final String fileName;

    public LineNumberedXmlReader(String fileName) {
        this.fileName = fileName;
    }

    public XmlElement read(InputStream input) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        XMLStreamReader reader = null;
        try {
            reader = factory.createXMLStreamReader(input);
            return readDocument(reader);
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
            throw new ConfigurationException(SourceLocation.of(fileName, line, "xml")
                .problem("is not well-formed XML: " + cleanMessage(e)), e);
        } finally {
            closeQuietly(reader);
        }
    }

    private XmlElement readDocument(XMLStreamReader reader) throws XMLStreamException {
        Deque<Builder> open = new ArrayDeque<>();
        XmlElement root = null;
        while (reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.DTD:
                    throw new ConfigurationException(SourceLocation.of(fileName, reader.getLocation().getLineNumber(), "!DOCTYPE")
                        .problem("is not allowed; remove the DOCTYPE declaration"));
                case XMLStreamConstants.START_ELEMENT:
                    open.push(new Builder(reader.getLocalName(), attributes(reader),
                        SourceLocation.of(fileName, reader.getLocation().getLineNumber(), reader.getLocalName())));
                    break;
                case XMLStreamConstants.END_ELEMENT:
                    XmlElement element = open.pop().build();
                    if (open.isEmpty()) {
                        root = element;
                    } else {
                        open.peek().children.add(element);
                    }
                    break;
                case XMLStreamConstants.CHARACTERS:
                case XMLStreamConstants.CDATA:
                    if (!reader.isWhiteSpace() && !open.isEmpty()) {
                        SourceLocation location = open.peek().location;
                        throw new ConfigurationException(SourceLocation.of(fileName, reader.getLocation().getLineNumber(), location.element())
                            .problem("contains text '" + abbreviate(reader.getText().strip())
                                + "'; values are written as attributes, e.g. <member address=\"...\" role=\"...\"/>"));
                    }
                    break;
                case XMLStreamConstants.ENTITY_REFERENCE:
                    throw new ConfigurationException(SourceLocation.of(fileName, reader.getLocation().getLineNumber(), "xml")
                        .problem("uses the entity '" + reader.getLocalName() + "', which is not allowed"));
                default:
                    break;
            }
        }
        if (root == null) {
            throw new ConfigurationException(SourceLocation.of(fileName, 1, "xml").problem("has no root element"));
        }
        return root;
    }

    private static Map<String, String> attributes(XMLStreamReader reader) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int index = 0; index < reader.getAttributeCount(); index++) {
            String namespace = reader.getAttributeNamespace(index);
            if (XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI.equals(namespace)) {
                // xsi:noNamespaceSchemaLocation lets editors complete and check the file against our XSD.
                continue;
            }
            String prefix = reader.getAttributePrefix(index);
            String name = prefix == null || prefix.isEmpty() ? reader.getAttributeLocalName(index)
                : prefix + ":" + reader.getAttributeLocalName(index);
            attributes.put(name, reader.getAttributeValue(index));
        }
        return attributes;
    }

    private static String cleanMessage(XMLStreamException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        int detail = message.indexOf("Message: ");
        return detail >= 0 ? message.substring(detail + "Message: ".length()).strip() : message.strip();
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private static void closeQuietly(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // Nothing left to report: the document was already read or already refused.
            }
        }
    }

    private static final class Builder {
        private final String name;
        private final Map<String, String> attributes;
        private final SourceLocation location;
        private final List<XmlElement> children = new ArrayList<>();

        private Builder(String name, Map<String, String> attributes, SourceLocation location) {
            this.name = name;
            this.attributes = attributes;
            this.location = location;
        }

        private XmlElement build() {
            return new XmlElement(name, Collections.unmodifiableMap(attributes), List.copyOf(children), location);
        }
    }
}
