package com.teaminbox.core.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An element of the configuration file, with the line it starts on. Attributes keep document order. */
final class XmlElement {
    private final String name;
    private final Map<String, String> attributes;
    private final List<XmlElement> children;
    private final SourceLocation location;

    XmlElement(String name, Map<String, String> attributes, List<XmlElement> children, SourceLocation location) {
        this.name = name;
        this.attributes = attributes;
        this.children = children;
        this.location = location;
    }

    String name() {
        return name;
    }

    Map<String, String> attributes() {
        return attributes;
    }

    Optional<String> attribute(String attributeName) {
        return Optional.ofNullable(attributes.get(attributeName));
    }

    List<XmlElement> children() {
        return children;
    }

    SourceLocation location() {
        return location;
    }
}
