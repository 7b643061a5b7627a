import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Steady-state cost of two or more builds of core in one JVM, alternated: {@code ./benchmark rules
 * --server-like}'s benchmark (the e2e mails, 1,000 rules) run from one class loader per core jar, the
 * rest of the class path shared, the order reversed every round; per jar the medians of its rounds'
 * "total ms" (caches evicted) and "warm total" columns, and their ratios to the first jar's.
 *
 * <pre>
 * ./benchmark rules --server-like 1   # builds benchmarks/target/classes and classpath.txt
 * java -Xmx4g scripts/AlternateCoreJars.java 4 before=/tmp/core-main.jar after=core/target/teaminbox-core-0.1.0-SNAPSHOT.jar
 * </pre>
 */
public class AlternateCoreJars {
    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        Path tree = Path.of("").toAbsolutePath();
        String[] classpath = Files.readString(tree.resolve("benchmarks/target/classpath.txt")).trim().split(":");
        Map<String, ClassLoader> loaders = new LinkedHashMap<>();
        for (int arg = 1; arg < args.length; arg++) {
            String[] nameAndJar = args[arg].split("=", 2);
            List<URL> urls = new ArrayList<>();
            urls.add(tree.resolve("benchmarks/target/classes").toUri().toURL());
            for (String entry : classpath) {
                urls.add(Path.of(entry.endsWith("/teaminbox-core-0.1.0-SNAPSHOT.jar") ? nameAndJar[1] : entry).toUri().toURL());
            }
            loaders.put(nameAndJar[0], new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader()));
        }
        List<String> names = new ArrayList<>(loaders.keySet());
        Map<String, List<Double>> evicted = new LinkedHashMap<>();
        Map<String, List<Double>> warm = new LinkedHashMap<>();
        PrintStream out = System.out;
        for (int round = 0; round < rounds; round++) {
            List<String> order = new ArrayList<>(names);
            if (round % 2 == 1) {
                Collections.reverse(order);
            }
            for (String name : order) {
                ByteArrayOutputStream printed = new ByteArrayOutputStream();
                System.setOut(new PrintStream(printed, true));
                Thread.currentThread().setContextClassLoader(loaders.get(name));
                try {
                    loaders.get(name).loadClass("com.teaminbox.benchmarks.e2e.ServerLikeRulesBenchmark").getMethod("main", String[].class)
                        .invoke(null, (Object) new String[] {"2", tree.resolve("samples").toString(), tree.resolve("conf").toString()});
                } finally {
                    System.setOut(out);
                }
                for (String line : printed.toString().split("\n")) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length == 8 && fields[0].matches("\\d+")) {
                        evicted.computeIfAbsent(name, key -> new ArrayList<>()).add(Double.parseDouble(fields[5]));
                        warm.computeIfAbsent(name, key -> new ArrayList<>()).add(Double.parseDouble(fields[6]));
                        out.println("round " + round + " " + name + " " + line.trim());
                    }
                }
            }
        }
        String first = names.get(0);
        for (String name : names) {
            out.printf(Locale.ROOT, "%s: caches evicted %.4f ms/mail, warm %.4f ms/mail (medians of %d); /%s: %.3f, %.3f%n", name,
                median(evicted.get(name)), median(warm.get(name)), evicted.get(name).size(), first,
                median(evicted.get(name)) / median(evicted.get(first)), median(warm.get(name)) / median(warm.get(first)));
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
