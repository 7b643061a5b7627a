package com.teaminbox.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Base64;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * An SMTP client for the ports of a stock James: plain (25), STARTTLS (587) or TLS from the first
 * byte (465), trusting the test's self-signed certificate. One dialogue per instance.
 */
final class TlsSmtpClient implements AutoCloseable {
    enum Security { PLAIN, STARTTLS, IMPLICIT_TLS }

    private Socket socket;
    private BufferedReader input;
    private OutputStream output;
    private String ehlo = "";

    private TlsSmtpClient() {
    }

    /** Connects, reads the greeting, says EHLO (and, for STARTTLS, upgrades and says EHLO again). */
    static TlsSmtpClient connect(int port, Security security) throws IOException {
        TlsSmtpClient client = new TlsSmtpClient();
        Socket plain = new Socket("127.0.0.1", port);
        client.open(security == Security.IMPLICIT_TLS ? upgrade(plain, port) : plain);
        expect(client.read(), "220", "greeting");
        client.ehlo = client.command("EHLO client.example.test");
        expect(client.ehlo, "250", "EHLO");
        if (security == Security.STARTTLS) {
            expect(client.command("STARTTLS"), "220", "STARTTLS");
            client.open(upgrade(client.socket, port));
            client.ehlo = client.command("EHLO client.example.test");
            expect(client.ehlo, "250", "EHLO after STARTTLS");
        }
        return client;
    }

    /** The last answer to EHLO: what the server announces. */
    String ehlo() {
        return ehlo;
    }

    /** SASL PLAIN with an initial response; the server's whole reply. */
    String authenticatePlain(String user, String password) throws IOException {
        return command("AUTH PLAIN " + Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * MAIL, RCPT, DATA: the first reply that is not a success, or the reply to the end of DATA.
     *
     * @param rawMessage headers and body with CRLF line ends, without the final dot
     */
    String send(String envelopeSender, String recipient, String rawMessage) throws IOException {
        String mail = command("MAIL FROM:<" + envelopeSender + ">");
        if (!mail.startsWith("250")) {
            return mail;
        }
        String rcpt = command("RCPT TO:<" + recipient + ">");
        if (!rcpt.startsWith("250")) {
            return rcpt;
        }
        expect(command("DATA"), "354", "DATA");
        output.write((rawMessage + "\r\n.\r\n").getBytes(StandardCharsets.UTF_8));
        output.flush();
        return read();
    }

    String command(String line) throws IOException {
        output.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        output.flush();
        return read();
    }

    @Override
    public void close() throws IOException {
        try {
            command("QUIT");
        } catch (IOException e) {
            // The server may have closed the connection already: nothing left to say.
        } finally {
            socket.close();
        }
    }

    /** A TLS socket over {@code socket} that trusts any certificate: the test's keystore is self-signed. */
    static SSLSocket upgrade(Socket socket, int port) throws IOException {
        SSLSocket tls = (SSLSocket) trustingEveryCertificate().createSocket(socket, "127.0.0.1", port, true);
        tls.setUseClientMode(true);
        tls.startHandshake();
        return tls;
    }

    private static SSLSocketFactory trustingEveryCertificate() throws IOException {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustAll}, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private void open(Socket newSocket) throws IOException {
        socket = newSocket;
        socket.setSoTimeout(30_000);
        input = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        output = socket.getOutputStream();
    }

    private String read() throws IOException {
        return SubmissionClient.read(input);
    }

    private static void expect(String reply, String code, String step) throws IOException {
        SubmissionClient.expect(reply, code, step);
    }
}
