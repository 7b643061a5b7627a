package com.teaminbox.core.outgoing;

/** Where the scanner pours the text of one location, one character at a time. */
interface CharSink {
    void put(char c);

    /** The location's text is over. */
    void end();
}
