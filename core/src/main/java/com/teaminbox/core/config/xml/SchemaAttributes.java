package com.teaminbox.core.config.xml;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The attributes the schema declares for each element, keyed by the element and its parent (a
 * {@code <folder>} of a member takes other attributes than one of a retention policy), so that an
 * unknown attribute is refused with the list of accepted ones, read from the schema itself.
 */
final class SchemaAttributes {
    private final Map<String, List<String>> byElement;

    private SchemaAttributes(Map<String, List<String>> byElement) {
        this.byElement = byElement;
    }

    static SchemaAttributes read(String resource) {
        try (InputStream input = SchemaAttributes.class.getResourceAsStream(resource)) {
            if (input == null) {
                return new SchemaAttributes(Map.of());
            }
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Element schema = factory.newDocumentBuilder().parse(input).getDocumentElement();
            Map<String, String> elementOfType = new HashMap<>();
            for (Element element : descendants(schema, "element")) {
                if (element.hasAttribute("type") && element.hasAttribute("name")) {
                    elementOfType.put(element.getAttribute("type"), element.getAttribute("name"));
                }
            }
            Map<String, Element> types = new HashMap<>();
            for (Element type : children(schema, "complexType")) {
                types.put(type.getAttribute("name"), type);
            }
            Map<String, List<String>> byElement = new HashMap<>();
            for (Element element : descendants(schema, "element")) {
                if (!element.hasAttribute("name")) {
                    continue;
                }
                Optional<String> parent = enclosingElementName(element, elementOfType);
                Element type = element.hasAttribute("type") && types.containsKey(element.getAttribute("type"))
                    ? types.get(element.getAttribute("type")) : children(element, "complexType").stream().findFirst().orElse(null);
                List<String> attributes = new ArrayList<>();
                if (type != null) {
                    children(type, "attribute").forEach(attribute -> attributes.add(attribute.getAttribute("name")));
                }
                byElement.put(key(parent, element.getAttribute("name")), attributes);
            }
            return new SchemaAttributes(byElement);
        } catch (IOException | SAXException | ParserConfigurationException e) {
            throw new IllegalStateException("Cannot read the schema " + resource, e);
        }
    }

    /** The attributes {@code element} takes inside {@code parent}, as the schema declares them. */
    Optional<List<String>> accepted(Optional<String> parent, String element) {
        return Optional.ofNullable(byElement.get(key(parent, element)));
    }

    private static String key(Optional<String> parent, String element) {
        return parent.orElse("") + "/" + element;
    }

    private static Optional<String> enclosingElementName(Element element, Map<String, String> elementOfType) {
        for (Node node = element.getParentNode(); node instanceof Element; node = node.getParentNode()) {
            Element ancestor = (Element) node;
            if (ancestor.getLocalName().equals("element") && ancestor.hasAttribute("name")) {
                return Optional.of(ancestor.getAttribute("name"));
            }
            if (ancestor.getLocalName().equals("complexType") && ancestor.hasAttribute("name")) {
                return Optional.ofNullable(elementOfType.get(ancestor.getAttribute("name")));
            }
        }
        return Optional.empty();
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element && localName.equals(node.getLocalName())) {
                found.add((Element) node);
            }
        }
        return found;
    }

    private static List<Element> descendants(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element) {
                if (localName.equals(node.getLocalName())) {
                    found.add((Element) node);
                }
                found.addAll(descendants((Element) node, localName));
            }
        }
        return found;
    }
}
