package com.teaminbox.core.ticket;

import java.util.Random;

/** Texts made of random pieces, for the differential tests that compare a loop with the expression it replaced. */
final class RandomTexts {
    private RandomTexts() {
    }

    /** Up to {@code maxPieces - 1} pieces, each drawn from {@code pieces}. */
    static String of(Random random, String[] pieces, int maxPieces) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(maxPieces);
        for (int index = 0; index < length; index++) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }
}
