package com.teaminbox.core.access;

import java.util.Arrays;
import java.util.Optional;

/** One RFC 4314 right (section 2.1), by the letter that stands for it in an ACL. */
public enum Right {
    LOOKUP('l'),
    READ('r'),
    WRITE_SEEN('s'),
    WRITE('w'),
    INSERT('i'),
    POST('p'),
    CREATE_MAILBOX('k'),
    DELETE_MAILBOX('x'),
    DELETE_MESSAGES('t'),
    EXPUNGE('e'),
    ADMINISTER('a');

    private final char letter;

    Right(char letter) {
        this.letter = letter;
    }

    public char letter() {
        return letter;
    }

    public static Optional<Right> fromLetter(char letter) {
        return Arrays.stream(values()).filter(right -> right.letter == letter).findFirst();
    }
}
