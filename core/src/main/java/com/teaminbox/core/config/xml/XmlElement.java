package com.teaminbox.core.config.xml;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An element of the configuration file, with the line it starts on. Attributes keep document order. */
public final class XmlElement {
    private final String name;
    private final Map<String, String> attributes;
    private final List<XmlElement> children;
    private final SourceLocation location;

    public XmlElement(String name, Map<String, String> attributes, List<XmlElement> children, SourceLocation location) {
        this.name = name;
        this.attributes = attributes;
        this.children = children;
        this.location = location;
    }

    public String name() {
        return name;
    }

    public Map<String, String> attributes() {
        return attributes;
    }

    public Optional<String> attribute(String attributeName) {
        return Optional.ofNullable(attributes.get(attributeName));
    }

    public List<XmlElement> children() {
        return children;
    }

    public SourceLocation location() {
        return location;
    }
}
