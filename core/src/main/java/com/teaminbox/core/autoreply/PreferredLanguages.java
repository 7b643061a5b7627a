package com.teaminbox.core.autoreply;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The languages a customer reads, from {@code Content-Language} (RFC 3282: the language the
 * customer wrote in) then {@code Accept-Language} (RFC 3282, weights as in RFC 9110 section 12.5.4).
 */
public final class PreferredLanguages {
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[a-z]{1,8}(-[a-z0-9]{1,8})*");
    private static final int MAX_LANGUAGES = 20;
    /**
     * Longer tags are ignored before matching: the repeated group of {@link #LANGUAGE_TAG} recurses
     * once per subtag in java.util.regex, and a 40 KB {@code en-a-a-…} overflowed the stack. RFC 5646
     * section 4.4.1 asks implementations to accept tags of at least 35 characters.
     */
    private static final int MAX_TAG_LENGTH = 64;

    /** The headers {@link #of} reads. */
    public static final List<String> HEADERS_READ = List.of("Content-Language", "Accept-Language");

    private PreferredLanguages() {
    }

    public static List<String> of(HeaderFields headers) {
        List<String> languages = new ArrayList<>();
        headers.all("Content-Language").forEach(value -> languages.addAll(tags(value, false)));
        headers.all("Accept-Language").forEach(value -> languages.addAll(tags(value, true)));
        return languages.stream().distinct().limit(MAX_LANGUAGES).toList();
    }

    private static List<String> tags(String value, boolean weighted) {
        List<WeightedTag> tags = new ArrayList<>();
        String[] items = value.split(",");
        for (int index = 0; index < items.length && index < MAX_LANGUAGES; index++) {
            String[] parts = items[index].split(";");
            String tag = parts[0].strip().toLowerCase(Locale.ROOT);
            if (tag.length() > MAX_TAG_LENGTH || !LANGUAGE_TAG.matcher(tag).matches()) {
                continue;
            }
            double weight = weighted ? weight(parts) : 1.0;
            if (weight > 0) {
                tags.add(new WeightedTag(tag, weight, index));
            }
        }
        tags.sort(Comparator.comparingDouble(WeightedTag::weight).reversed().thenComparingInt(WeightedTag::order));
        return tags.stream().map(WeightedTag::tag).toList();
    }

    private static double weight(String[] parts) {
        for (int index = 1; index < parts.length; index++) {
            String parameter = parts[index].strip();
            if (parameter.startsWith("q=")) {
                return parseWeight(parameter.substring(2)).orElse(0.0);
            }
        }
        return 1.0;
    }

    private static Optional<Double> parseWeight(String text) {
        try {
            double weight = Double.parseDouble(text.strip());
            return weight >= 0 && weight <= 1 ? Optional.of(weight) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private record WeightedTag(String tag, double weight, int order) {
    }
}
