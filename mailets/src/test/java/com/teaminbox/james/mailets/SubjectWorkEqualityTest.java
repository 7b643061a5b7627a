package com.teaminbox.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import java.util.function.Supplier;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.ticket.ForgedTagPolicy;
import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.core.ticket.TicketPrefix;
import com.teaminbox.core.ticket.TicketTagFormat;
import com.teaminbox.core.ticket.TicketThreading;
import com.teaminbox.core.ticket.VagueSubjects;
import com.teaminbox.james.common.MessageHeaders;

/**
 * AssignTicket's subject work after the fifteenth round ({@code ticket16}) gives the answers it gave
 * before ({@link SubjectWorkBefore}): the subject written for every reason and forged-tag policy, the
 * vague check, for several tag formats (one that java.util.regex must read), on a table of tricky
 * subjects and on random ones; and the subject a later part reads without decoding is the one
 * decoding the written header gives.
 */
class SubjectWorkEqualityTest {
    private static final TicketPrefix SUP = TicketPrefix.of("SUP");
    private static final List<TicketTagFormat> FORMATS = List.of(TicketTagFormat.DEFAULT, TicketTagFormat.of("[{prefix} #{number}]"),
        TicketTagFormat.of("{prefix}-{number}"), TicketTagFormat.of(" ({number}/{prefix}) "), TicketTagFormat.of("\uD83C\uDFAB{prefix}-{number}"),
        TicketTagFormat.of("Re: {prefix}:{number}"), TicketTagFormat.of("{number}-{prefix}"));
    private static final List<VagueSubjects> VAGUE = List.of(VagueSubjects.DEFAULT,
        new VagueSubjects(List.of("salut", "bonjour", "aide", "(sans objet)", "re"), "$ATrier"), new VagueSubjects(List.of(), "$T"));
    private static final List<SubjectWorkBefore.Vague> VAGUE_BEFORE = List.of(new SubjectWorkBefore.Vague(VAGUE.get(0).subjects()),
        new SubjectWorkBefore.Vague(VAGUE.get(1).subjects()), new SubjectWorkBefore.Vague(VAGUE.get(2).subjects()));
    /** The storage's answers for each reason: a known tag (every tag issued), references, a new ticket. */
    private static final List<Predicate<TicketId>> ISSUED = List.of(ticket -> true, ticket -> false, ticket -> false);
    private static final List<Supplier<Optional<TicketId>>> REFERENCED = List.of(() -> Optional.of(TicketId.of(SUP, 77)),
        () -> Optional.of(TicketId.of(SUP, 77)), Optional::empty);
    private static final List<Long> NUMBERS = List.of(1L, 7L, 42L, 1042L, 999_999_999_999_999_999L);

    static final List<String> TRICKY = List.of("", " ", "   ", "Printer broken", "URGENT: printer on floor 2 is down", "Question",
        "Re: [SUP-12] URGENT: printer on floor 2 is down", "RE: AW: printer on floor 2", "Facture n° 2026-1142 — montant erroné",
        "Urgente : accès VPN impossible", "Absence du bureau : Re: [SUP-9] Votre demande", "(no subject)", "Re: hi", "Re:", "Re: ",
        "re:re:RE[2]: x", "Re[12345]: x", "Re[]: x", "AW: WG: SV: VS: Antw: Odp: Rif: R: Enc: Res: TR: Fw: Fwd: x", "Rex: y",
        "[SUP-1] [SUP-1] [sup-1]", "[SUP-0] zero", "[SUP-1234567890123456789] long", "XSUP-7 y", "SUP-7", "[SUP-7]hi[SUP-8]",
        "Re:\r\n [SUP-3]\thi", "a\u0001b", "a\u2028b\u2029c\u0085d", "\u2003hi\u2003", "\u00A0Re: x\u00A0", "\u3000Re: x",
        "=?UTF-8?Q?caf=C3=A9?=", "x =?UTF-8?B?Y2Fmw6k=?= y", "café 😀", "lone \uD83D surrogate", "\uDE00", "Ｈｉ", "hİ", "[RT #55] hi",
        "[Ticket#2024] x", "Re: (SUP-1) y", " (1/SUP) ", "🎫SUP-3 t", "Re: SUP:4 x", "Re: Re: SUP:4", "::::", "[[SUP-2]]", "x".repeat(90),
        "Re: " .repeat(300) + "end", "\t\t", "-", "?!", "hi!!!", "Re: [SUP-3] Question?", "N.O. SUBJECT");
    private static final String[] PIECES = {"Re:", "RE[2]:", "AW: ", "Fwd:", " ", "  ", "\t", "\r\n ", "\u0001", "\u2028", "\u0085",
        "\u00A0", "\u2003", "[SUP-1]", "[sup-42]", "[SUP-0]", "[SUP-1234567890123456789]", "SUP-7", "XSUP-7", "[SUP #3]", "(7/SUP)",
        "\uD83C\uDFABSUP-5", "SUP:9", "=?UTF-8?Q?caf=C3=A9?=", "=?", "é", "😀", "\uD83D", "hi", "question", "(no subject)", ":", "[", "]",
        "-", "7", "Printer", "floor 2 is down", "montant erroné", "x", "?", "salut", "Ｈ"};

    @Test
    void trickySubjectsShouldBeWrittenAndJudgedAsBefore() throws Exception {
        for (String subject : TRICKY) {
            compare(subject);
        }
    }

    @Test
    void randomSubjectsShouldBeWrittenAndJudgedAsBefore() throws Exception {
        Random random = new Random(16);
        for (int run = 0; run < 4_000; run++) {
            StringBuilder subject = new StringBuilder();
            int pieces = random.nextInt(10);
            for (int piece = 0; piece < pieces; piece++) {
                subject.append(PIECES[random.nextInt(PIECES.length)]);
            }
            compare(subject.toString());
        }
    }

    /** Characters drawn from every range the code tells apart, long and short. */
    @Test
    void randomCharactersShouldBeWrittenAndJudgedAsBefore() throws Exception {
        Random random = new Random(1042);
        char[] alphabet = " \t\r\n\u000B\f\u0000\u001F\u007F\u0085\u00A0\u2028\u2029\u2003\u3000[]-#:/()!?.RrEeAaWwSsUuPp0123456789é\uD83D\uDE00=?"
            .toCharArray();
        for (int run = 0; run < 4_000; run++) {
            char[] subject = new char[random.nextInt(run % 10 == 0 ? 200 : 24)];
            for (int index = 0; index < subject.length; index++) {
                subject[index] = alphabet[random.nextInt(alphabet.length)];
            }
            compare(new String(subject));
        }
    }

    private static void compare(String subject) throws MessagingException {
        for (TicketTagFormat format : FORMATS) {
            // the template outside the BMP is read by java.util.regex, as before
            SubjectWorkBefore.Tags tagsBefore = format.template().startsWith("\uD83C") ? null : new SubjectWorkBefore.Tags(format);
            for (ForgedTagPolicy policy : ForgedTagPolicy.values()) {
                TicketThreading threading = new TicketThreading(SUP, format, policy);
                for (int lookups = 0; lookups < ISSUED.size(); lookups++) {
                    Predicate<TicketId> issued = ISSUED.get(lookups);
                    Supplier<Optional<TicketId>> referenced = REFERENCED.get(lookups);
                    TicketThreading.Decision decision = threading.decide(subject, issued, referenced);
                    String base;
                    if (tagsBefore == null) {
                        base = SubjectWorkBefore.baseSubject(subject, decision, format, policy);
                    } else {
                        SubjectWorkBefore.Decision before = SubjectWorkBefore.decide(tagsBefore, policy, SUP, subject, issued, referenced);
                        assertThat(List.of(decision.reason(), decision.ticket(), decision.forgedTags()))
                            .as("decision for '%s' (%s, %s)", subject, format, policy)
                            .isEqualTo(List.of(before.reason(), before.ticket(), before.forgedTags()));
                        base = before.baseSubject();
                    }
                    for (long number : NUMBERS) {
                        TicketId ticket = decision.ticket().orElse(TicketId.of(SUP, number));
                        String written = threading.subjectFor(decision, ticket);
                        assertThat(written).as("subject for '%s' (%s, %s, %s)", subject, format, policy, decision)
                            .isEqualTo(SubjectWorkBefore.subjectFor(decision, base, format, ticket));
                        for (int list = 0; list < VAGUE.size(); list++) {
                            VagueSubjects vague = VAGUE.get(list);
                            SubjectWorkBefore.Vague before = VAGUE_BEFORE.get(list);
                            assertThat(vague.isVague(written, format, SUP)).as("is '%s' vague (%s)", written, format)
                                .isEqualTo(tagsBefore == null ? before.isVague(written, format, SUP) : before.isVague(written, tagsBefore, SUP));
                            assertThat(vague.isVague(subject, format, SUP)).as("is '%s' vague (%s)", subject, format)
                                .isEqualTo(tagsBefore == null ? before.isVague(subject, format, SUP) : before.isVague(subject, tagsBefore, SUP));
                        }
                        if (format == TicketTagFormat.DEFAULT && number == 42L) {
                            assertReadBackAsDecoded(written);
                        }
                    }
                }
            }
        }
    }

    /** What the view keeps of a written subject is what decoding the written header reads. */
    private static void assertReadBackAsDecoded(String written) throws MessagingException {
        FakeMail mail = FakeMail.builder().name("m").mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("before")).build();
        MailView view = MailView.of(mail);
        MimeMessage message = view.message();
        assertThat(view.subject()).isEqualTo("before");
        MessageHeaders.setSubject(message, written);
        view.subjectWritten(written);
        assertThat(view.subject()).as("subject read back after writing '%s'", written).isEqualTo(MessageHeaders.subject(message));
    }
}
