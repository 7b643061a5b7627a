package com.teaminbox.core.outgoing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.ParserCursor;
import org.apache.james.mime4j.stream.RawFieldParser;
import org.apache.james.mime4j.util.ContentUtil;

/**
 * Reads an outgoing mail once, as a stream, and runs the data-loss detectors over its subject, its
 * text and HTML bodies and its text attachments (other attachments are not read). Memory stays
 * bounded whatever the mail's size: mime4j's token stream hands over one part at a time, each read
 * through a fixed buffer, and every detector keeps constant state; time is linear in the size.
 * Limits in the spirit of mime4j's {@code MimeConfig}: each a named constant; past one, the scan
 * stops and says it is {@linkplain OutgoingScan#complete() incomplete} (findings so far stand).
 */
public final class OutgoingScanner {
    /** Parts read at most; a mail with more is a construction, not correspondence. */
    public static final int MAX_PARTS = 1_000;
    /** A header or header line longer than this stops the scan (mime4j's own default is 10,000). */
    public static final int MAX_HEADER_LENGTH = 100_000;
    public static final int MAX_HEADERS = 1_000;
    /** How many characters of a file name go into a location (it is echoed to the sender and the audit trail). */
    static final int MAX_FILE_NAME = 60;

    private static final int BUFFER = 8_192;

    private final DataLossSettings settings;

    public OutgoingScanner(DataLossSettings settings) {
        this.settings = settings;
    }

    public OutgoingScan scan(InputStream rawMessage) {
        Pass pass = new Pass();
        boolean complete = pass.run(rawMessage);
        return new OutgoingScan(pass.findings, HexFormat.of().formatHex(pass.digest.digest()), complete);
    }

    /** One mail's scan: the detectors still looking, the findings, the digest. */
    private final class Pass {
        private final List<DataLossFinding> findings = new ArrayList<>();
        private final List<DataLossDetector> looking = new ArrayList<>(settings.detectors());
        private final MessageDigest digest = sha256();
        private final char[] buffer = new char[BUFFER];

        private boolean run(InputStream rawMessage) {
            MimeConfig config = new MimeConfig.Builder()
                .setMaxHeaderLen(MAX_HEADER_LENGTH)
                .setMaxLineLen(MAX_HEADER_LENGTH)
                .setMaxHeaderCount(MAX_HEADERS)
                .setMaxContentLen(-1)
                .build();
            MimeTokenStream stream = new MimeTokenStream(config);
            stream.parse(rawMessage);
            boolean topHeader = true;
            int parts = 0;
            Optional<String> disposition = Optional.empty();
            Optional<String> fileName = Optional.empty();
            try {
                for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
                    switch (state) {
                        case T_START_HEADER -> {
                            disposition = Optional.empty();
                            fileName = Optional.empty();
                        }
                        case T_FIELD -> {
                            Field field = stream.getField();
                            String name = field.getName().toLowerCase(Locale.ROOT);
                            if (topHeader && name.equals("subject")) {
                                scanText("subject", DecoderUtil.decodeEncodedWords(field.getBody(), DecodeMonitor.SILENT), false);
                            } else if (name.equals("content-disposition")) {
                                disposition = Optional.of(value(field.getBody()));
                                Optional<String> fromType = fileName;
                                fileName = parameter(field.getBody(), "filename").or(() -> fromType);
                            } else if (name.equals("content-type")) {
                                fileName = fileName.or(() -> parameter(field.getBody(), "name"));
                            }
                        }
                        case T_END_HEADER -> topHeader = false;
                        case T_BODY -> {
                            if (++parts > MAX_PARTS) {
                                return false;
                            }
                            scanBody(stream, disposition, fileName);
                        }
                        default -> {
                        }
                    }
                }
                return true;
            } catch (IOException | MimeException | RuntimeException e) {
                // Unreadable structure past this point: what was read is judged, the rest is not.
                return false;
            }
        }

        private void scanBody(MimeTokenStream stream, Optional<String> disposition, Optional<String> fileName) throws IOException {
            String mimeType = stream.getBodyDescriptor().getMimeType().toLowerCase(Locale.ROOT);
            if (!mimeType.startsWith("text/")) {
                return;
            }
            boolean attachment = disposition.filter(value -> value.equalsIgnoreCase("attachment")).isPresent() || fileName.isPresent();
            boolean html = mimeType.equals("text/html");
            String location = attachment ? "attachment " + fileName.map(OutgoingScanner::safeFileName).orElse("(unnamed)")
                : html ? "HTML body" : "text body";
            CharSink detectors = new Detectors(location, !attachment);
            CharSink sink = html ? new HtmlChunks(detectors, settings.skipQuoted() && !attachment)
                : settings.skipQuoted() && !attachment ? new QuotedLines(detectors) : detectors;
            Charset charset = charset(stream.getBodyDescriptor().getCharset());
            try (Reader reader = new InputStreamReader(stream.getDecodedInputStream(), charset)) {
                for (int read = reader.read(buffer); read >= 0; read = reader.read(buffer)) {
                    for (int i = 0; i < read; i++) {
                        sink.put(buffer[i]);
                    }
                }
            }
            sink.end();
        }

        private void scanText(String location, String text, boolean digested) {
            CharSink sink = new Detectors(location, digested);
            for (int i = 0; i < text.length(); i++) {
                sink.put(text.charAt(i));
            }
            sink.end();
        }

        /** The detectors still looking, over one location; body text also feeds the digest. */
        private final class Detectors implements CharSink {
            private final String location;
            private final List<DataLossDetector> detectors = new ArrayList<>(looking);
            private final List<TextCheck> checks = new ArrayList<>();
            private final boolean digested;
            private final byte[] pending = new byte[BUFFER];
            private int pendingLength;
            private boolean lastBlank = true;

            private Detectors(String location, boolean digested) {
                this.location = location;
                this.digested = digested;
                detectors.forEach(detector -> checks.add(detector.newCheck()));
            }

            @Override
            public void put(char c) {
                if (digested) {
                    digest(c);
                }
                for (int i = checks.size() - 1; i >= 0; i--) {
                    if (checks.get(i).feed(c)) {
                        found(i);
                    }
                }
            }

            @Override
            public void end() {
                for (int i = checks.size() - 1; i >= 0; i--) {
                    if (checks.get(i).end()) {
                        found(i);
                    }
                }
                digest.update(pending, 0, pendingLength);
                pendingLength = 0;
            }

            private void found(int index) {
                DataLossDetector detector = detectors.remove(index);
                checks.remove(index);
                looking.remove(detector);
                findings.add(new DataLossFinding(detector, location));
            }

            /** Blanks collapsed, so that a client re-wrapping the text on resend gives the same digest. */
            private void digest(char c) {
                boolean blank = Character.isWhitespace(c);
                if (blank && lastBlank) {
                    return;
                }
                lastBlank = blank;
                char kept = blank ? ' ' : c;
                if (pendingLength + 2 > pending.length) {
                    digest.update(pending, 0, pendingLength);
                    pendingLength = 0;
                }
                pending[pendingLength++] = (byte) (kept >> 8);
                pending[pendingLength++] = (byte) kept;
            }
        }
    }

    private static String value(String headerBody) {
        int semicolon = headerBody.indexOf(';');
        return (semicolon < 0 ? headerBody : headerBody.substring(0, semicolon)).strip();
    }

    private static Optional<String> parameter(String headerBody, String name) {
        var bytes = ContentUtil.encode(headerBody);
        List<NameValuePair> parameters = RawFieldParser.DEFAULT.parseRawBody(bytes, new ParserCursor(0, bytes.length())).getParams();
        return parameters.stream()
            .filter(pair -> pair.getName().equalsIgnoreCase(name) && pair.getValue() != null)
            .map(pair -> DecoderUtil.decodeEncodedWords(pair.getValue(), DecodeMonitor.SILENT))
            .findFirst();
    }

    /** A file name fit to be echoed in an SMTP reply and an audit record: printable, short. */
    static String safeFileName(String name) {
        StringBuilder safe = new StringBuilder();
        for (int i = 0; i < name.length() && safe.length() < MAX_FILE_NAME; i++) {
            char c = name.charAt(i);
            safe.append(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' ? c : '_');
        }
        return safe.length() == 0 ? "(unnamed)" : safe.toString();
    }

    private static Charset charset(String name) {
        try {
            // No charset: US-ASCII by RFC 2045, read as Latin-1 so that stray 8-bit bytes do not hide digits next to them.
            return name == null ? StandardCharsets.ISO_8859_1 : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            // Unknown or illegal charset: Latin-1 reads every byte, digits and letters included.
            return StandardCharsets.ISO_8859_1;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Java promises SHA-256", e);
        }
    }
}
