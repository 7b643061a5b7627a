package com.teaminbox.james.mailets;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Enumeration;
import java.util.Optional;

import javax.activation.DataHandler;
import javax.mail.Header;
import javax.mail.IllegalWriteException;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;
import javax.mail.util.SharedByteArrayInputStream;

import org.apache.james.server.core.BufferedDeferredFileOutputStream;
import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.apache.james.server.core.MimeMessageSource;
import org.apache.james.server.core.MimeMessageWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A spooled message as the rules read it, without James parsing it again: its headers are the
 * message's as they are now (AssignTicket's subject included), its body the bytes James received,
 * taken from the wrapper's {@link MimeMessageSource} past the headers they were received with.
 * Read only.
 *
 * <p>Why (issue 18, docs/benchmarks.md, tenth round {@code scan11}): once a header is changed, and
 * James's own {@code RemoveMimeHeader} in the {@code transport} processor changes one on every
 * mail, {@link MimeMessageWrapper} gives the body only by parsing the whole stored message again
 * ({@code loadMessage}: the headers into objects, the body copied), and its public ways to the body
 * ({@code getRawInputStream}, {@code getMessageInputStream}, {@code writeTo}) all parse the received
 * headers again. Here the end of those headers is found by a scan of their bytes, the same end
 * javax.mail's {@code InternetHeaders.load} finds ({@link #bodyStart}); the body is not copied.
 *
 * <p>The source is the wrapper's protected field, read through a {@link VarHandle}: when a James
 * version has no such field, or the message is not a wrapper, or its body was changed, or it is
 * bigger than the limit it is given (what {@code SpooledMessages} reads in the heap), there is no such view and the rules read
 * the message as before: the same decision, at the old cost.
 */
public final class ReceivedBodyMessage extends MimeMessage {
    private static final Logger LOGGER = LoggerFactory.getLogger(ReceivedBodyMessage.class);
    /** The session a {@link MimeMessageWrapper} made from a source gets: its address parsing is the same. */
    private static final Session SESSION = Session.getDefaultInstance(System.getProperties());
    /** javax.mail's {@code InternetHeaders}: a line of blanks only ends the headers when this system property is true. */
    private static final boolean IGNORE_WHITESPACE_LINES = "true".equalsIgnoreCase(System.getProperty("mail.mime.ignorewhitespacelines"));
    private static final VarHandle SOURCE = sourceHandle();

    private final MimeMessage current;

    private ReceivedBodyMessage(MimeMessage current, byte[] received, int bodyStart) {
        super(SESSION);
        this.current = current;
        this.contentStream = new SharedByteArrayInputStream(received, bodyStart, received.length - bodyStart);
        this.saved = true;
    }

    /**
     * The message to read for {@code message}, when it is a wrapper of James whose body is still the
     * one received, of at most {@code limit} bytes: what {@link ApplyRules} reads (and the rules benchmark
     * that runs them as the server does).
     */
    public static Optional<MimeMessage> of(MimeMessage message, long limit) throws MessagingException {
        if (SOURCE == null || !(message instanceof MimeMessageWrapper wrapper) || wrapper.isBodyModified()) {
            return Optional.empty();
        }
        MimeMessageSource source = (MimeMessageSource) SOURCE.get(wrapper);
        if (source == null) {
            return Optional.empty();
        }
        try {
            long size = source.getMessageSize();
            if (size < 0 || size > limit) {
                return Optional.empty();
            }
            Optional<byte[]> received = inMemoryCopy(source, size).or(() -> readFully(source, size));
            return received.map(bytes -> new ReceivedBodyMessage(message, bytes, bodyStart(bytes, bytes.length)));
        } catch (IOException e) {
            // read as James parses it: what that reading does with a source that fails, the rules' reading did before
            LOGGER.debug("Cannot read the received message from its source; reading it as James parses it", e);
            return Optional.empty();
        }
    }

    /**
     * The bytes of James's in-memory source, copied once. Its stream would be a
     * {@code ByteArrayInputStream} over the same copy ({@code BufferedDeferredFileOutputStream.getData}
     * copies its buffers into a new array for every stream opened), read into an array of ours: a
     * second copy of the whole message on every mail (issue 18, docs/benchmarks.md, twelfth round
     * {@code heap13}). The copy made here is no one else's, so it is kept as it is.
     */
    private static Optional<byte[]> inMemoryCopy(MimeMessageSource source, long size) {
        return inMemoryBuffer(source).map(BufferedDeferredFileOutputStream::getData).filter(data -> data.length == size);
    }

    /** James's buffer behind {@code source} while it holds the whole message in memory. */
    private static Optional<BufferedDeferredFileOutputStream> inMemoryBuffer(MimeMessageSource source) {
        if (source instanceof MimeMessageInputStreamSource stream
            && stream.getWritableOutputStream() instanceof BufferedDeferredFileOutputStream buffered
            && buffered.isInMemory()) {
            return Optional.of(buffered);
        }
        return Optional.empty();
    }

    /** Any other source: its stream read into one array of the size it tells, or nothing when it holds another size or fails. */
    private static Optional<byte[]> readFully(MimeMessageSource source, long size) {
        // one array of the size the source tells (readNBytes(int) would gather it in 8 KB pieces first, then copy)
        byte[] received = new byte[(int) size];
        try (InputStream input = source.getInputStream()) {
            if (input.readNBytes(received, 0, received.length) != received.length || input.read() != -1) {
                // the source does not hold the size it tells: read the message as James parses it
                return Optional.empty();
            }
            return Optional.of(received);
        } catch (IOException e) {
            // read as James parses it: what that reading does with a source that fails, the rules' reading did before
            LOGGER.debug("Cannot read the received message from its source; reading it as James parses it", e);
            return Optional.empty();
        }
    }

    /**
     * Where the body starts in a message's bytes: after the first empty line, as javax.mail's
     * {@code InternetHeaders.load} reads lines ({@code LineInputStream}: a line ends at LF, CR LF,
     * CR CR LF, or a CR followed by anything else; a line of blanks ends the headers only under
     * {@code mail.mime.ignorewhitespacelines}); {@code length} when the bytes end first.
     */
    static int bodyStart(byte[] bytes, int length) {
        return bodyStart(bytes, length, IGNORE_WHITESPACE_LINES);
    }

    static int bodyStart(byte[] bytes, int length, boolean ignoreWhitespaceLines) {
        return bodyStartBetween(bytes, 0, length, ignoreWhitespaceLines);
    }

    /**
     * As {@link #bodyStart(byte[], int)} for a message held in {@code bytes} from {@code from} up to
     * {@code end}: an index into {@code bytes}, {@code end} when they end first.
     */
    static int bodyStartBetween(byte[] bytes, int from, int end) {
        return bodyStartBetween(bytes, from, end, IGNORE_WHITESPACE_LINES);
    }

    private static int bodyStartBetween(byte[] bytes, int from, int end, boolean ignoreWhitespaceLines) {
        int lineStart = from;
        int at = from;
        int length = end;
        while (at < length) {
            byte b = bytes[at];
            if (b != '\n' && b != '\r') {
                at++;
                continue;
            }
            int next = at + 1;
            if (b == '\r') {
                if (next < length && bytes[next] == '\n') {
                    next++;
                } else if (next + 1 < length && bytes[next] == '\r' && bytes[next + 1] == '\n') {
                    next += 2;
                }
            }
            if (at == lineStart || ignoreWhitespaceLines && blanksOnly(bytes, lineStart, at)) {
                return next;
            }
            lineStart = next;
            at = next;
        }
        return length;
    }

    /** Whether {@code String.trim()} of the line, read as javax.mail reads it (a byte a char), is empty. */
    private static boolean blanksOnly(byte[] bytes, int from, int to) {
        for (int index = from; index < to; index++) {
            if ((bytes[index] & 0xff) > ' ') {
                return false;
            }
        }
        return true;
    }

    /**
     * James's in-memory buffer behind {@code wrapper}'s source, when it has one: its
     * {@code writeTo} hands its bytes on without the copy {@code getData} and every stream of the
     * source make.
     */
    static Optional<BufferedDeferredFileOutputStream> inMemoryBuffer(MimeMessageWrapper wrapper) {
        return SOURCE == null ? Optional.empty() : inMemoryBuffer((MimeMessageSource) SOURCE.get(wrapper));
    }

    private static VarHandle sourceHandle() {
        try {
            return MethodHandles.privateLookupIn(MimeMessageWrapper.class, MethodHandles.lookup())
                .findVarHandle(MimeMessageWrapper.class, "source", MimeMessageSource.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOGGER.info("James's message wrapper offers no source to read ({}): rules read the message as James parses it", e.toString());
            return null;
        }
    }

    @Override
    public String[] getHeader(String name) throws MessagingException {
        return current.getHeader(name);
    }

    @Override
    public String getHeader(String name, String delimiter) throws MessagingException {
        return current.getHeader(name, delimiter);
    }

    @Override
    public Enumeration<Header> getAllHeaders() throws MessagingException {
        return current.getAllHeaders();
    }

    @Override
    public Enumeration<Header> getMatchingHeaders(String[] names) throws MessagingException {
        return current.getMatchingHeaders(names);
    }

    @Override
    public Enumeration<Header> getNonMatchingHeaders(String[] names) throws MessagingException {
        return current.getNonMatchingHeaders(names);
    }

    @Override
    public Enumeration<String> getAllHeaderLines() throws MessagingException {
        return current.getAllHeaderLines();
    }

    @Override
    public Enumeration<String> getMatchingHeaderLines(String[] names) throws MessagingException {
        return current.getMatchingHeaderLines(names);
    }

    @Override
    public Enumeration<String> getNonMatchingHeaderLines(String[] names) throws MessagingException {
        return current.getNonMatchingHeaderLines(names);
    }

    @Override
    public void setHeader(String name, String value) throws MessagingException {
        throw readOnly();
    }

    @Override
    public void addHeader(String name, String value) throws MessagingException {
        throw readOnly();
    }

    @Override
    public void removeHeader(String name) throws MessagingException {
        throw readOnly();
    }

    @Override
    public void addHeaderLine(String line) throws MessagingException {
        throw readOnly();
    }

    @Override
    public void setDataHandler(DataHandler handler) throws MessagingException {
        throw readOnly();
    }

    @Override
    public void saveChanges() throws MessagingException {
        throw readOnly();
    }

    private static IllegalWriteException readOnly() {
        return new IllegalWriteException("A message read for the rules cannot be changed");
    }
}
