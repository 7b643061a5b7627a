package com.teaminbox.james.reports;

import java.nio.charset.StandardCharsets;

import javax.activation.DataHandler;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Part;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import javax.mail.util.ByteArrayDataSource;

import org.apache.james.core.MailAddress;

import com.teaminbox.core.reports.Chart;
import com.teaminbox.core.reports.PngChart;
import com.teaminbox.core.reports.ReportCharts;
import com.teaminbox.core.reports.ReportHtml;
import com.teaminbox.core.reports.ReportText;
import com.teaminbox.core.reports.TicketReport;
import com.teaminbox.core.reports.WeeklyDigest;
import com.teaminbox.core.ticket.TicketSubjects;
import com.teaminbox.james.common.MailSession;

/**
 * The weekly review as a mail every client shows: {@code multipart/alternative} of a UTF-8 text
 * part and a {@code multipart/related} HTML part whose charts are inline PNG images referred to
 * by Content-ID (RFC 2387, RFC 2392); SVG is not used because most mail clients do not display
 * it. Machine-written (RFC 3834 {@code Auto-Submitted: auto-generated}), sent with a null
 * envelope sender like our alerts, so that no autoresponder answers it and no bounce loops back.
 */
public final class WeeklyDigestMail {
    private WeeklyDigestMail() {
    }

    public static MimeMessage of(TicketReport report, WeeklyDigest digest) throws MessagingException {
        String dashboard = "WebAdmin GET /shared-mailboxes/" + report.sharedMailbox() + "/dashboard?from=" + report.period().from()
            + "&to=" + report.period().to();
        MimeMessage message = new MimeMessage(MailSession.SHARED);
        message.setFrom(new InternetAddress(report.sharedMailbox()));
        for (MailAddress recipient : digest.to()) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient.asString()));
        }
        message.setSubject(TicketSubjects.singleLine("Weekly review of " + report.sharedMailbox() + ", " + report.period().from()
            + " to " + report.period().to()), StandardCharsets.UTF_8.name());
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader("X-Auto-Response-Suppress", "All");

        MimeBodyPart text = new MimeBodyPart();
        text.setText(ReportText.plain(report, dashboard), StandardCharsets.UTF_8.name(), "plain");

        MimeMultipart related = new MimeMultipart("related");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(ReportHtml.digest(report, dashboard), StandardCharsets.UTF_8.name(), "html");
        related.addBodyPart(html);
        for (Chart chart : ReportCharts.of(report)) {
            MimeBodyPart image = new MimeBodyPart();
            image.setDataHandler(new DataHandler(new ByteArrayDataSource(PngChart.render(chart), "image/png")));
            image.setContentID("<" + ReportHtml.contentId(chart) + ">");
            image.setDisposition(Part.INLINE);
            image.setFileName(chart.id() + ".png");
            image.setHeader("Content-Transfer-Encoding", "base64");
            related.addBodyPart(image);
        }
        MimeBodyPart htmlWithImages = new MimeBodyPart();
        htmlWithImages.setContent(related);

        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(htmlWithImages);
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }
}
