package com.teaminbox.core.audit;

import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Appends a node's hash-chained records to JSON Lines files in one directory, one file per UTC
 * day and size limit ({@link AuditFile} names them). Each record is written with a single write
 * of the whole line, so a crash leaves at most one torn last line; a writer started after that
 * chains from the last complete record in a new file.
 *
 * <p>The file is written through a {@link FileOutputStream} in append mode, not a
 * {@code FileChannel}: Java closes a channel written by an interrupted thread and throws although
 * the line may be in the file, which would leave the chain behind its file. A stream's write is
 * not interrupted, so any thread may write, interrupted or not (a caller under {@code defer}
 * writes its own group: {@link AuditGroupCommit#append}).
 *
 * <p>A failed write throws {@link AuditUnavailableException} and leaves the chain where it was;
 * the partial line is cut off when the file system allows, and the next record starts a new file
 * in any case, so a partial line is never followed by records in the same file.
 *
 * <pre>{@code
 * AuditTrail trail = new AuditChainWriter(Path.of("var/audit"), "mx1", Clock.systemUTC(),
 *     AuditChainWriter.DEFAULT_MAX_FILE_BYTES, FlushPolicy.FLUSH);
 * }</pre>
 */
public final class AuditChainWriter implements AuditTrail, Closeable {
    public static final long DEFAULT_MAX_FILE_BYTES = 64L * 1024 * 1024;
    /** Names already taken (a file left by an earlier failure) are skipped, up to this many. */
    private static final int MAX_NAME_ATTEMPTS = 1000;

    private final Path directory;
    private final String node;
    private final Clock clock;
    private final long maxFileBytes;
    private final FlushPolicy flushPolicy;

    private ChainPosition position;
    private Optional<AuditFile> lastFile;
    private Optional<FileOutputStream> stream = Optional.empty();
    /** The path of the file {@code stream} writes (a name formatted once per file, not per group). */
    private Path streamPath = Path.of("");
    private long fileSize;
    private boolean closed;
    /** The UTC day of the last record written and its number: a day is computed once a day, not per record. */
    private long lastEpochDay = Long.MIN_VALUE;
    private LocalDate lastDay = LocalDate.MIN;
    /** Where each record's line is written and hashed, reused from record to record (under this writer's lock). */
    private final CanonicalJsonWriter lineWriter = new CanonicalJsonWriter();
    private final MessageDigest sha256 = AuditRecord.newSha256();

    /**
     * Resumes the node's chain from {@code directory} (created if missing).
     *
     * @throws AuditUnavailableException when the directory cannot be created or read
     */
    public AuditChainWriter(Path directory, String node, Clock clock, long maxFileBytes, FlushPolicy flushPolicy) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.node = NodeName.check(node);
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxFileBytes < 1) {
            throw new IllegalArgumentException("maxFileBytes must be positive: " + maxFileBytes);
        }
        this.maxFileBytes = maxFileBytes;
        this.flushPolicy = Objects.requireNonNull(flushPolicy, "flushPolicy");
        try {
            Files.createDirectories(directory);
            ChainTail tail = ChainTail.read(directory, node);
            this.position = tail.position();
            this.lastFile = tail.newest();
            if (tail.appendable() && lastFile.isPresent()) {
                open(lastFile.get(), false);
            }
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    /** The seq the next record written gets. */
    public synchronized long nextSeq() {
        return position.nextSeq();
    }

    @Override
    public void record(AuditEvent event) {
        append(event);
    }

    /**
     * {@link #record} that also returns the record as written, for whoever keeps an
     * {@link AuditIndex} up to date.
     *
     * @throws AuditUnavailableException when the record could not be written; the chain did not advance
     */
    public AuditRecord append(AuditEvent event) {
        return appendOne(event).record();
    }

    /**
     * {@link #appendAll} of one event, for a caller that writes its own record alone (the usual
     * case in the server, where callers seldom meet): the same line, the same one write, without
     * the lists a group needs.
     *
     * @return the record as written and where its line starts
     * @throws AuditUnavailableException when it could not be written; the chain did not advance
     */
    public synchronized LocatedRecord appendOne(AuditEvent event) {
        if (closed) {
            throw new IllegalStateException("The audit trail of node " + node + " in " + directory + " is closed");
        }
        // the clock's milliseconds: one Instant, not one truncated from another
        Instant time = Instant.ofEpochMilli(clock.millis());
        AuditRecord.Chained chained = AuditRecord.chainLine(lineWriter, sha256, event, node, position.nextSeq(), time, position.hash());
        byte[] line = chained.line();
        long offset;
        Path file;
        try {
            FileOutputStream target = streamFor(utcDay(time), line.length);
            offset = fileSize;
            file = streamPath;
            target.write(line);
            if (flushPolicy == FlushPolicy.FORCE) {
                target.getFD().sync();
            }
        } catch (IOException e) {
            abandonFile();
            throw unavailable(e);
        }
        fileSize += line.length;
        position = ChainPosition.after(chained.record());
        return new LocatedRecord(chained.record(), file, offset);
    }

    /**
     * What {@link #appendAll} did: the records written, in order (a prefix of the events), each
     * with where its line starts, and, when not all were, why the rest were not. The chain stands
     * after the last record written.
     */
    public record Appended(List<LocatedRecord> located, Optional<AuditUnavailableException> failure) {
        public Appended {
            located = List.copyOf(located);
        }

        /** The records written, in order. */
        public List<AuditRecord> records() {
            return located.stream().map(LocatedRecord::record).toList();
        }
    }

    /**
     * Appends several events as one group commit: their lines are written with one write per file
     * they go to (usually one), and forced once under {@link FlushPolicy#FORCE}. A crash leaves at
     * most one torn last line, as with single records. A failed write keeps nothing of its group:
     * the chain stays after the records of the groups written before it, and the rest are not
     * written.
     */
    public synchronized Appended appendAll(List<AuditEvent> events) {
        if (closed) {
            throw new IllegalStateException("The audit trail of node " + node + " in " + directory + " is closed");
        }
        List<LocatedRecord> written = new ArrayList<>(events.size());
        List<AuditRecord> group = new ArrayList<>(events.size());
        List<byte[]> lines = new ArrayList<>(events.size());
        long groupBytes = 0;
        ChainPosition chain = position;
        LocalDate groupDay = null;
        for (AuditEvent event : events) {
            Instant time = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            AuditRecord.Chained chained = AuditRecord.chainLine(lineWriter, sha256, event, node, chain.nextSeq(), time, chain.hash());
            AuditRecord record = chained.record();
            byte[] line = chained.line();
            LocalDate day = utcDay(time);
            if (!group.isEmpty() && (!day.equals(groupDay) || !fitsCurrentFile(day, groupBytes + line.length))) {
                Optional<AuditUnavailableException> failure = write(groupDay, lines, group, written);
                if (failure.isPresent()) {
                    return new Appended(written, failure);
                }
                group.clear();
                lines.clear();
                groupBytes = 0;
            }
            groupDay = day;
            group.add(record);
            lines.add(line);
            groupBytes += line.length;
            chain = ChainPosition.after(record);
        }
        if (!group.isEmpty()) {
            Optional<AuditUnavailableException> failure = write(groupDay, lines, group, written);
            if (failure.isPresent()) {
                return new Appended(written, failure);
            }
        }
        return new Appended(written, Optional.empty());
    }

    /**
     * {@code LocalDate.ofInstant(time, UTC)}, without looking the offset's rules up for every
     * record, and the same object as the last record's while the day is the same (the calendar
     * arithmetic of {@code LocalDate.ofEpochDay} once a day; called with the lock held).
     */
    private LocalDate utcDay(Instant time) {
        long epochDay = Math.floorDiv(time.getEpochSecond(), 86_400L);
        if (epochDay != lastEpochDay) {
            lastDay = LocalDate.ofEpochDay(epochDay);
            lastEpochDay = epochDay;
        }
        return lastDay;
    }

    /** Whether {@code bytes} more go into the file being written on {@code day}, without starting the next. */
    private boolean fitsCurrentFile(LocalDate day, long bytes) {
        return stream.isPresent() && isFileDay(day) && (fileSize == 0 || fileSize + bytes <= maxFileBytes);
    }

    /** Whether a record of {@code day} belongs in the last file (not a later day than the file's). */
    private boolean isFileDay(LocalDate day) {
        return lastFile.isPresent() && !day.isAfter(lastFile.get().day());
    }

    /**
     * One group's lines in one write; the chain moves past its records only once they are all
     * written, and then they go to {@code written} with where each line starts.
     */
    private Optional<AuditUnavailableException> write(LocalDate day, List<byte[]> lines, List<AuditRecord> group,
                                                      List<LocatedRecord> written) {
        byte[] bytes = joined(lines);
        long offset;
        Path file;
        try {
            FileOutputStream target = streamFor(day, bytes.length);
            offset = fileSize;
            file = streamPath;
            // One write(2) of the whole group (the JDK loops on short writes).
            target.write(bytes);
            if (flushPolicy == FlushPolicy.FORCE) {
                target.getFD().sync();
            }
        } catch (IOException e) {
            abandonFile();
            return Optional.of(unavailable(e));
        }
        fileSize += bytes.length;
        position = ChainPosition.after(group.get(group.size() - 1));
        for (int index = 0; index < group.size(); index++) {
            written.add(new LocatedRecord(group.get(index), file, offset));
            offset += lines.get(index).length;
        }
        return Optional.empty();
    }

    /** The group's lines as one array, for one write; a group of one record is its line as it is. */
    private static byte[] joined(List<byte[]> lines) {
        if (lines.size() == 1) {
            return lines.get(0);
        }
        int size = 0;
        for (byte[] line : lines) {
            size += line.length;
        }
        byte[] bytes = new byte[size];
        int at = 0;
        for (byte[] line : lines) {
            System.arraycopy(line, 0, bytes, at, line.length);
            at += line.length;
        }
        return bytes;
    }

    private FileOutputStream streamFor(LocalDate day, int lineBytes) throws IOException {
        boolean sameDay = isFileDay(day);
        boolean fits = fileSize == 0 || fileSize + lineBytes <= maxFileBytes;
        if (stream.isPresent() && sameDay && fits) {
            return stream.get();
        }
        closeStream();
        AuditFile candidate = lastFile.map(file -> file.next(day)).orElse(AuditFile.first(node, day));
        for (int attempt = 0; attempt < MAX_NAME_ATTEMPTS; attempt++) {
            try {
                FileOutputStream opened = open(candidate, true);
                syncDirectory();
                return opened;
            } catch (FileAlreadyExistsException e) {
                candidate = candidate.next(day);
            }
        }
        throw new IOException("No free file name after " + candidate + " in " + directory);
    }

    /** Opens the file to append to it; {@code create}: a new file, refused when the name is taken. */
    private FileOutputStream open(AuditFile file, boolean create) throws IOException {
        Path path = directory.resolve(file.fileName());
        if (create) {
            Files.newByteChannel(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        }
        FileOutputStream opened = new FileOutputStream(path.toFile(), true);
        stream = Optional.of(opened);
        streamPath = path;
        lastFile = Optional.of(file);
        fileSize = Files.size(path);
        return opened;
    }

    /** Without this a power cut may lose the new file's name even though its content was forced. */
    private void syncDirectory() {
        if (flushPolicy != FlushPolicy.FORCE) {
            return;
        }
        try (FileChannel directoryChannel = FileChannel.open(directory, StandardOpenOption.READ)) {
            directoryChannel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some platforms cannot open a directory; the record itself is still forced.
        }
    }

    /** Cuts a partial line if it can and makes the next record start a new file either way. */
    private void abandonFile() {
        lastFile.filter(file -> stream.isPresent()).ifPresent(file -> {
            try (RandomAccessFile open = new RandomAccessFile(directory.resolve(file.fileName()).toFile(), "rw")) {
                if (open.length() > fileSize) {
                    open.setLength(fileSize);
                }
            } catch (IOException e) {
                // The partial line stays: verification will report it as the file's torn end.
            }
        });
        closeStream();
    }

    private void closeStream() {
        stream.ifPresent(open -> {
            try {
                open.close();
            } catch (IOException e) {
                // Every record was written (and forced when asked) before this: nothing is lost.
            }
        });
        stream = Optional.empty();
        fileSize = 0;
    }

    private AuditUnavailableException unavailable(IOException cause) {
        return new AuditUnavailableException("Cannot write the audit trail of node " + node + " in " + directory
            + ": " + cause, cause);
    }

    @Override
    public synchronized void close() {
        closed = true;
        closeStream();
    }
}
