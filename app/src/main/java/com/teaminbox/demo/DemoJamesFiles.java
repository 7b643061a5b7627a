package com.teaminbox.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The demo's James files, assembled: the stock James 3.8.1 copies of
 * {@code app/src/main/resources/demo/conf/} carry, where our lines go, a marker naming a fragment
 * of the top-level {@code conf/james/} (the very fragments an administrator merges, which the build
 * copies beside them into {@code demo/conf/james/}):
 * <pre>{@code
 *             <!-- TeamInbox: conf/james/mailetcontainer-after-bcc.xml -->
 * }</pre>
 * or, in a properties file, {@code # TeamInbox: conf/james/webadmin.properties}. Assembling keeps
 * the marker (it says where the lines come from) and puts the fragment's lines after it, indented
 * like the marker. So our lines exist once, and the demo runs what deployment.md tells
 * administrators to merge.
 *
 * <p>A properties file may add to a list a fragment sets, in plain sight: {@code KEY.before=A}
 * puts {@code A} first in the comma-separated value of {@code KEY}, {@code KEY.after=B} last (the
 * demo's own startable must run before ours; the reports are optional for administrators, on in
 * the demo). Those lines are consumed.
 */
public final class DemoJamesFiles {
    /** A marker on a line of its own: its indentation, then the fragment's file name. */
    static final Pattern MARKER = Pattern.compile("(?m)^([ \\t]*)(?:<!--|#) TeamInbox: conf/james/([A-Za-z0-9_.-]+)(?: -->)?[ \\t]*$");
    /** {@code KEY.before=VALUE} or {@code KEY.after=VALUE} on a line of its own. */
    private static final Pattern ADDITION = Pattern.compile("(?m)^([\\w.-]+)\\.(before|after)=(.*)\\R?");

    private DemoJamesFiles() {
    }

    /**
     * @param fragments the content of a fragment of {@code conf/james/}, by file name
     * @throws IllegalStateException naming the marker whose fragment is missing
     */
    public static String assemble(String stock, Function<String, String> fragments) {
        Matcher marker = MARKER.matcher(stock);
        StringBuilder assembled = new StringBuilder();
        while (marker.find()) {
            String indentation = marker.group(1);
            String fragment = fragments.apply(marker.group(2)).strip().lines()
                .map(line -> line.isBlank() ? "" : indentation + line)
                .collect(Collectors.joining("\n"));
            marker.appendReplacement(assembled, Matcher.quoteReplacement(marker.group() + "\n" + fragment));
        }
        marker.appendTail(assembled);
        return withAdditions(assembled.toString());
    }

    private static String withAdditions(String properties) {
        String result = properties;
        Matcher addition = ADDITION.matcher(properties);
        while (addition.find()) {
            String key = addition.group(1);
            String value = addition.group(3).strip();
            Matcher line = Pattern.compile("(?m)^" + Pattern.quote(key) + "=(.*)$").matcher(result);
            if (!line.find()) {
                throw new IllegalStateException("'" + addition.group().strip() + "' adds to " + key + ", which no line sets");
            }
            String list = addition.group(2).equals("before") ? value + "," + line.group(1).strip() : line.group(1).strip() + "," + value;
            result = result.substring(0, line.start()) + key + "=" + list + result.substring(line.end());
        }
        return ADDITION.matcher(result).replaceAll("");
    }

    /** The demo's file {@code name} as the build ships it on the class path ({@code /demo/conf/}), assembled. */
    public static String fromClassPath(String name) {
        return assemble(resource(name), fragment -> resource("james/" + fragment));
    }

    /** The demo's file {@code name} of a built {@code demo/conf} directory (e.g. {@code app/target/classes/demo/conf}), assembled. */
    public static String fromDirectory(Path demoConf, String name) {
        return assemble(read(demoConf.resolve(name)), fragment -> read(demoConf.resolve("james").resolve(fragment)));
    }

    private static String resource(String name) {
        try (InputStream resource = DemoJamesFiles.class.getResourceAsStream("/demo/conf/" + name)) {
            if (resource == null) {
                throw new IllegalStateException("Demo configuration file missing from the build: demo/conf/" + name);
            }
            return new String(resource.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read demo/conf/" + name, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
