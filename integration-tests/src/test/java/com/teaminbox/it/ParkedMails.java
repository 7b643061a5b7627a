package com.teaminbox.it;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mails of a server's error repository as WebAdmin lists them, for the tests that compare
 * what two forms of a processor parked: each mail's recipients, sender, state and error.
 */
final class ParkedMails {
    private static final Pattern KEY = Pattern.compile("\"([^\"]+)\"");

    /** One parked mail; {@code error} unescaped enough to compare (line breaks kept). */
    record ParkedMail(String recipients, String sender, String state, String error) {
        String firstErrorLine() {
            return error.lines().findFirst().orElse("");
        }
    }

    private ParkedMails() {
    }

    static List<ParkedMail> read(TeamInboxServer server) throws Exception {
        String repository = "/mailRepositories/" + URLEncoder.encode(TeamInboxServer.ERROR_REPOSITORY, StandardCharsets.UTF_8) + "/mails";
        Matcher key = KEY.matcher(WebAdminClient.get(server, repository));
        List<ParkedMail> parked = new ArrayList<>();
        while (key.find()) {
            String mail = WebAdminClient.get(server, repository + "/" + URLEncoder.encode(key.group(1), StandardCharsets.UTF_8));
            parked.add(new ParkedMail(field(mail, "recipients"), field(mail, "sender"), field(mail, "state"), field(mail, "error")));
        }
        return parked;
    }

    /** A field of WebAdmin's JSON answer for a mail: a string, or an array of strings as written. */
    private static String field(String json, String name) {
        Matcher text = Pattern.compile("\"" + name + "\"\\s*:\\s*\"((?:[^\"\\\\]++|\\\\.)*+)\"").matcher(json);
        if (text.find()) {
            return text.group(1).replace("\\n", "\n").replace("\\r", "").replace("\\t", "\t");
        }
        Matcher array = Pattern.compile("\"" + name + "\"\\s*:\\s*(\\[[^]]*])").matcher(json);
        return array.find() ? array.group(1) : "";
    }
}
