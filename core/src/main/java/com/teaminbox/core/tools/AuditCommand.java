package com.teaminbox.core.tools;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.teaminbox.core.audit.AuditIndex;
import com.teaminbox.core.audit.AuditPage;
import com.teaminbox.core.audit.AuditRecord;
import com.teaminbox.core.audit.AuditVerification;
import com.teaminbox.core.audit.AuditVerifier;
import com.teaminbox.core.audit.NodeVerification;

/**
 * The audit trail from the command line, without a server (docs/audit.md):
 * <pre>
 * ./audit verify demo-home/var/audit/
 * ./audit search demo-home/var/audit/ --mailbox support@example.test --since 2026-11-27 --page 2
 * </pre>
 * {@code verify} prints one line per node and exits 0 when every chain verifies, 1 otherwise.
 * {@code search} prints the matching records as JSON lines, oldest first, and the page summary
 * on standard error. A usage error exits 2.
 */
public final class AuditCommand {
    static final int OK = 0;
    static final int BROKEN = 1;
    static final int USAGE = 2;
    private static final String USAGE_TEXT = String.join("\n",
        "usage: audit verify <file-or-directory>...",
        "       audit search <directory> [--since ISO] [--until ISO] [--actor NAME] [--type TYPE]",
        "                    [--ticket T] [--mailbox ADDR] [--page N] [--page-size N]");

    private final PrintStream out;
    private final PrintStream err;

    public AuditCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        // Records are UTF-8 in the files and stay UTF-8 on the way out, whatever the platform default.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, UTF_8);
        System.exit(new AuditCommand(out, err).run(List.of(args)));
    }

    public int run(List<String> args) {
        if (args.isEmpty()) {
            return usage("a subcommand is needed");
        }
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (args.get(0)) {
                case "verify" -> verify(rest);
                case "search" -> search(AuditSearchArguments.parse(rest));
                default -> usage("unknown subcommand " + args.get(0));
            };
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        } catch (IOException e) {
            err.println("ERROR: cannot read the audit files: " + e);
            return BROKEN;
        }
    }

    private int verify(List<String> arguments) throws IOException {
        if (arguments.isEmpty()) {
            return usage("verify needs files or directories");
        }
        List<Path> paths = arguments.stream().map(Path::of).toList();
        for (Path path : paths) {
            if (!Files.exists(path)) {
                return usage("no such file or directory: " + path);
            }
        }
        AuditVerification verification = new AuditVerifier().verify(paths);
        if (verification.nodes().isEmpty()) {
            out.println("BROKEN: no audit files in " + String.join(" ", arguments));
            return BROKEN;
        }
        for (NodeVerification node : verification.nodes()) {
            out.println(node);
        }
        return verification.intact() ? OK : BROKEN;
    }

    private int search(AuditSearchArguments arguments) throws IOException {
        if (!Files.isDirectory(arguments.directory())) {
            return usage("not a directory: " + arguments.directory());
        }
        try (AuditIndex index = AuditIndex.inMemory()) {
            index.rebuildFrom(List.of(arguments.directory()));
            AuditPage page = index.search(arguments.query());
            for (AuditRecord record : page.records()) {
                out.println(record.toJson());
            }
            err.println(page);
        }
        return OK;
    }

    private int usage(String problem) {
        err.println("audit: " + problem);
        err.println(USAGE_TEXT);
        return USAGE;
    }
}
