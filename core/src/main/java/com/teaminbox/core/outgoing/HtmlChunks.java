package com.teaminbox.core.outgoing;

import com.teaminbox.core.text.HtmlText;

/**
 * Hands the text of an HTML body to the detectors: the HTML is gathered and read by
 * {@link HtmlText}, at most {@link #MAX_CHUNK_CHARS} characters at a time, so that memory stays
 * bounded however big the body. A chunk ends after its last {@code >} (if that is in its second
 * half), so that a tag is not cut in two. What an element spanning two chunks does to its content is lost at the cut: quoted text or
 * a script continuing into the next chunk is read as text there, which can only find more, never
 * hide anything.
 */
final class HtmlChunks implements CharSink {
    /** Characters of HTML read at once: about 2 MB, and a parsed document some times that. */
    static final int MAX_CHUNK_CHARS = 1 << 20;

    private final CharSink next;
    private final boolean skipQuoted;
    private final StringBuilder html = new StringBuilder();
    private boolean first = true;

    HtmlChunks(CharSink next, boolean skipQuoted) {
        this.next = next;
        this.skipQuoted = skipQuoted;
    }

    @Override
    public void put(char c) {
        html.append(c);
        if (html.length() >= MAX_CHUNK_CHARS) {
            // Cut after the last tag, if that keeps most of the chunk: else a stranger's text with one
            // '>' near the start would make a tiny chunk and leave the buffer full.
            int lastTagEnd = html.lastIndexOf(">");
            int cut = lastTagEnd >= MAX_CHUNK_CHARS / 2 ? lastTagEnd + 1 : html.length();
            read(html.substring(0, cut));
            html.delete(0, cut);
        }
    }

    @Override
    public void end() {
        if (html.length() > 0) {
            read(html.toString());
            html.setLength(0);
        }
        next.end();
    }

    private void read(String chunk) {
        String text = skipQuoted ? HtmlText.withoutQuotes(chunk) : HtmlText.of(chunk);
        if (!first) {
            // Chunks are read apart: a cut between two words must not join them.
            next.put(' ');
        }
        first = false;
        for (int i = 0; i < text.length(); i++) {
            next.put(text.charAt(i));
        }
    }
}
