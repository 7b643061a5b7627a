package com.teaminbox.benchmarks.e2e;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.mail.BodyPart;
import javax.mail.Multipart;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

/**
 * The mails the benchmark sends: the sample corpus ({@code samples/*.eml}) with its subjects and
 * the headers that steer the pipeline (threading, list and automatic-mail headers, spam flag),
 * each text padded with plain prose to about 20 KB, a unique Message-ID each; and the big mails
 * of the memory run. Every message is CRLF, dot-stuffed, ready for DATA.
 */
final class BenchmarkMails {
    static final String SENDER = "jane@customer.test";
    static final String RECIPIENT = "support@example.test";
    private static final int TEXT_CHARS = 20_000;
    private static final List<String> KEPT_HEADERS = List.of("Subject", "In-Reply-To", "References", "Auto-Submitted",
        "Precedence", "List-Id", "List-Unsubscribe", "X-Spam-Flag", "Content-Language");

    /** A mail ready to send and the Message-ID (without brackets) the poller will find. */
    static final class Mail {
        final String messageId;
        final byte[] bytes;

        Mail(String messageId, byte[] bytes) {
            this.messageId = messageId;
            this.bytes = bytes;
        }
    }

    private BenchmarkMails() {
    }

    static List<Mail> fromSamples(Path samples, int count, String run) throws Exception {
        List<String[]> templates = templates(samples);
        Random random = new Random(42);
        List<Mail> mails = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            String[] template = templates.get(index % templates.size());
            String messageId = "e2e-" + run + "-" + index + "@bench.test";
            String text = template[1] + "\n" + prose(random, TEXT_CHARS - template[1].length());
            String message = "From: Jane Customer <" + SENDER + ">\r\nTo: " + RECIPIENT + "\r\n"
                + "Date: Fri, 27 Nov 2026 10:00:00 +0100\r\nMessage-ID: <" + messageId + ">\r\n"
                + template[0]
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + text;
            mails.add(new Mail(messageId, ready(message.getBytes(StandardCharsets.UTF_8))));
        }
        return mails;
    }

    /** A mail whose attachment has {@code attachmentBytes} random bytes (base64 in the message). */
    static Mail withAttachment(String run, int index, int attachmentBytes) {
        String messageId = "e2e-" + run + "-big-" + index + "@bench.test";
        byte[] data = new byte[attachmentBytes];
        new Random(index).nextBytes(data);
        String head = "From: Jane Customer <" + SENDER + ">\r\nTo: " + RECIPIENT + "\r\n"
            + "Date: Fri, 27 Nov 2026 10:00:00 +0100\r\nMessage-ID: <" + messageId + ">\r\n"
            + "Subject: Logs for case " + index + "\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"part\"\r\n\r\n"
            + "--part\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nThe logs are attached.\r\n"
            + "--part\r\nContent-Type: application/octet-stream; name=\"logs.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n";
        ByteArrayOutputStream message = new ByteArrayOutputStream(attachmentBytes * 4 / 3 + 4096);
        message.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        message.writeBytes(Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encode(data));
        message.writeBytes("\r\n--part--\r\n".getBytes(StandardCharsets.US_ASCII));
        return new Mail(messageId, message.toByteArray());
    }

    /** Each sample's kept headers (raw, CRLF) and its text. */
    private static List<String[]> templates(Path samples) throws Exception {
        Session session = Session.getInstance(new Properties());
        List<Path> files;
        try (Stream<Path> listing = Files.list(samples)) {
            files = listing.filter(path -> path.toString().endsWith(".eml")).sorted().collect(Collectors.toList());
        }
        List<String[]> templates = new ArrayList<>();
        for (Path file : files) {
            try (InputStream input = Files.newInputStream(file)) {
                MimeMessage message = new MimeMessage(session, input);
                StringBuilder headers = new StringBuilder();
                for (String name : KEPT_HEADERS) {
                    String[] values = message.getHeader(name);
                    if (values != null) {
                        headers.append(name).append(": ").append(values[0].replaceAll("\\r?\\n", "\r\n")).append("\r\n");
                    }
                }
                templates.add(new String[] {headers.toString(), text(message.getContent())});
            }
        }
        return templates;
    }

    private static String text(Object content) throws Exception {
        if (content instanceof String) {
            return (String) content;
        }
        if (content instanceof Multipart) {
            Multipart multipart = (Multipart) content;
            for (int index = 0; index < multipart.getCount(); index++) {
                BodyPart part = multipart.getBodyPart(index);
                if (part.isMimeType("text/plain")) {
                    return (String) part.getContent();
                }
            }
        }
        return "";
    }

    private static String prose(Random random, int chars) {
        String[] words = ("the customer account order delivery payment schedule meeting report team project update "
            + "question answer request ticket support service contract renewal price quote discount server network "
            + "login password access printer office monday friday week month shipment warehouse").split(" ");
        StringBuilder text = new StringBuilder();
        while (text.length() < chars) {
            text.append(words[random.nextInt(words.length)]).append(random.nextInt(12) == 0 ? ".\n" : " ");
        }
        return text.toString();
    }

    /** CRLF line ends, a leading dot doubled (RFC 5321 4.5.2), a final line end. */
    private static byte[] ready(byte[] message) {
        String text = new String(message, StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\n", "\r\n");
        text = text.replace("\r\n.", "\r\n..");
        if (!text.endsWith("\r\n")) {
            text += "\r\n";
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
