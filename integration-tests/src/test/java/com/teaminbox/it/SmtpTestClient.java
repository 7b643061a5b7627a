package com.teaminbox.it;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

/** A real SMTP client (JavaMail) on the server's incoming port. */
public final class SmtpTestClient {
    private final int port;

    public SmtpTestClient(int port) {
        this.port = port;
    }

    public void send(String from, String subject, String... to) throws MessagingException {
        Session session = session();
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        for (String recipient : to) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
        }
        message.setSubject(subject, StandardCharsets.UTF_8.name());
        message.setText("Hello,\r\nthis is a test mail.\r\n", StandardCharsets.UTF_8.name());
        Transport.send(message);
    }

    /** Sends bytes exactly as given, for headers JavaMail would not write itself (raw encoded-words). */
    public void sendRaw(String envelopeSender, String to, String rawMessage) throws MessagingException {
        sendRaw(envelopeSender, List.of(to), rawMessage);
    }

    /** As {@link #sendRaw(String, String, String)}, in one SMTP transaction for all these recipients. */
    public void sendRaw(String envelopeSender, List<String> to, String rawMessage) throws MessagingException {
        Session session = session();
        session.getProperties().put("mail.smtp.from", envelopeSender);
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(rawMessage.getBytes(StandardCharsets.UTF_8)));
        Transport transport = session.getTransport("smtp");
        try {
            transport.connect();
            InternetAddress[] recipients = new InternetAddress[to.size()];
            for (int index = 0; index < recipients.length; index++) {
                recipients[index] = new InternetAddress(to.get(index));
            }
            transport.sendMessage(message, recipients);
        } finally {
            transport.close();
        }
    }

    /**
     * Submits raw bytes as an authenticated member (SMTP AUTH), the way a mail client does on the
     * submission port. A refusal during the dialogue surfaces as {@link javax.mail.SendFailedException}.
     */
    public void submit(String user, String password, String envelopeSender, String to, String rawMessage) throws MessagingException {
        Session session = session();
        session.getProperties().put("mail.smtp.auth", "true");
        session.getProperties().put("mail.smtp.from", envelopeSender);
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(rawMessage.getBytes(StandardCharsets.UTF_8)));
        Transport transport = session.getTransport("smtp");
        try {
            transport.connect(user, password);
            transport.sendMessage(message, new InternetAddress[] {new InternetAddress(to)});
        } finally {
            transport.close();
        }
    }

    /** One SMTP session (one connection) that delivers several new mails in a row. */
    public void sendInOneSession(String from, String to, List<String> subjects) throws MessagingException {
        Session session = session();
        Transport transport = session.getTransport("smtp");
        try {
            transport.connect();
            for (String subject : subjects) {
                MimeMessage message = new MimeMessage(session);
                message.setFrom(new InternetAddress(from));
                message.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
                message.setSubject(subject, StandardCharsets.UTF_8.name());
                message.setText("Hello,\r\nthis is a test mail.\r\n", StandardCharsets.UTF_8.name());
                message.saveChanges();
                transport.sendMessage(message, new InternetAddress[] {new InternetAddress(to)});
            }
        } finally {
            transport.close();
        }
    }

    private Session session() {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(port));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "30000");
        return Session.getInstance(properties);
    }
}
