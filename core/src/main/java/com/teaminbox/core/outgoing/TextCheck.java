package com.teaminbox.core.outgoing;

/**
 * One detector's state over one text (the subject, a body, an attachment), fed one character at a
 * time: constant memory, constant work per character.
 */
public interface TextCheck {
    /** @return whether the detector has found something in this text so far */
    boolean feed(char c);

    /** The text ended: the detector decides on what it was still reading. */
    boolean end();
}
