package com.teaminbox.core.outgoing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class OutgoingScannerTest {
    private static final String VISA = "4111 1111 1111 1111";
    private static final DataLossSettings SETTINGS = new DataLossSettings(List.of(DataLossDetector.cardNumbers(DataLossAction.REFUSE),
        DataLossDetector.ibans(DataLossAction.HOLD),
        DataLossDetector.pattern("secret", LinearPattern.compile("TOP-SECRET", false), DataLossAction.FLAG)), true,
        DataLossSettings.DEFAULT_HOLD_REPOSITORY);

    private static OutgoingScan scan(DataLossSettings settings, String raw) {
        return new OutgoingScanner(settings).scan(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> found(String raw) {
        return scan(SETTINGS, raw).findings().stream().map(DataLossFinding::describe).toList();
    }

    @Test
    void subjectShouldBeScanned() {
        assertThat(found("Subject: =?UTF-8?Q?card_4111111111111111?=\r\n\r\nHello\r\n")).containsExactly("card-numbers in subject");
    }

    @Test
    void quotedPrintableTextBodyShouldBeDecodedBeforeScanning() {
        assertThat(found("Subject: x\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            + "Card 4111 1111 =\r\n1111 1111\r\n")).containsExactly("card-numbers in text body");
    }

    @Test
    void htmlBodyShouldBeReadAsText() {
        assertThat(found("Content-Type: text/html\r\n\r\n<p>IBAN <b>FR76</b>&nbsp;3000 6000 0112 3456 7890 189</p>\r\n"))
            .containsExactly("ibans in HTML body");
    }

    @Test
    void quotedTextShouldBeSkippedWhenConfigured() {
        String raw = "Content-Type: text/plain\r\n\r\nThanks, done.\r\n\r\n> my card is " + VISA + "\r\n";

        assertThat(found(raw)).isEmpty();
        assertThat(scan(new DataLossSettings(SETTINGS.detectors(), false, SETTINGS.holdRepository()), raw).findings()).hasSize(1);
    }

    @Test
    void htmlBlockquoteShouldBeSkippedWhenConfigured() {
        assertThat(found("Content-Type: text/html\r\n\r\n<p>Done</p><blockquote>card " + VISA + "</blockquote>\r\n")).isEmpty();
    }

    @Test
    void htmlBodyLongerThanAChunkShouldBeReadToTheEndWithoutJoiningWordsAtTheCut() {
        String filler = "<p>" + "word ".repeat(HtmlChunks.MAX_CHUNK_CHARS / 5) + "</p>\r\n";

        assertThat(found("Content-Type: text/html\r\n\r\n" + filler + "<p>card " + VISA + "</p>\r\n"))
            .containsExactly("card-numbers in HTML body");
        assertThat(found("Content-Type: text/html\r\n\r\n" + filler.repeat(2) + "<blockquote>card " + VISA + "</blockquote>\r\n"))
            .as("quoted past the first chunk").isEmpty();
    }

    @Test
    void textAttachmentShouldBeScannedAndNamed() {
        String raw = "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nSee attached\r\n"
            + "--b\r\nContent-Type: text/csv; name=\"list.csv\"\r\nContent-Disposition: attachment; filename=\"list.csv\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n"
            + java.util.Base64.getMimeEncoder().encodeToString(("name;note\r\nbob;TOP-SECRET\r\n").getBytes(StandardCharsets.UTF_8))
            + "\r\n--b\r\nContent-Type: image/png\r\nContent-Disposition: attachment; filename=\"x.png\"\r\n\r\n4111111111111111\r\n--b--\r\n";

        assertThat(found(raw)).containsExactly("secret in attachment list.csv");
    }

    @Test
    void findingsShouldNeverCarryTheValueFound() {
        OutgoingScan scan = scan(SETTINGS, "Subject: hi\r\n\r\n" + VISA + "\r\n");

        assertThat(scan.findings()).singleElement().satisfies(finding -> assertThat(finding.toString()).doesNotContain("4111"));
        assertThat(scan.strongestAction()).contains(DataLossAction.REFUSE);
    }

    @Test
    void digestShouldIgnoreBoundariesAndLineWrapping() {
        String first = "Content-Type: multipart/alternative; boundary=one\r\n\r\n--one\r\nContent-Type: text/plain\r\n\r\n"
            + "We replaced your printer.\r\n--one--\r\n";
        String second = "Content-Type: multipart/alternative; boundary=two\r\n\r\n--two\r\nContent-Type: text/plain\r\n\r\n"
            + "We replaced\r\n your printer.\r\n--two--\r\n";

        assertThat(scan(SETTINGS, first).bodyDigest()).isEqualTo(scan(SETTINGS, second).bodyDigest())
            .isNotEqualTo(scan(SETTINGS, first.replace("replaced", "repaired")).bodyDigest());
    }

    @Test
    void brokenStructureShouldBeJudgedAsFarAsRead() {
        OutgoingScan scan = scan(SETTINGS, "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n"
            + VISA + "\r\n");

        assertThat(scan.findings()).hasSize(1);
    }
}
