package com.teaminbox.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class WordMemoryTest {
    @Test
    void rememberedWordsShouldBeFoundWithTheirTermAndFormWhateverTheirPlaceInTheText() {
        WordMemory memory = new WordMemory();
        Random random = new Random(3);
        Map<String, Integer> words = new HashMap<>();
        // enough words to grow the table and the characters' array several times
        while (words.size() < 20_000) {
            String word = randomWord(random);
            if (words.containsKey(word)) {
                continue;
            }
            int number = random.nextInt(4) == 0 ? random.nextInt(100_000) : WordMemory.NO_WORD;
            String text = "  " + word + ".";
            assertThat(memory.find(text.toCharArray(), 2, word.length())).isEqualTo(WordMemory.UNKNOWN);
            memory.remember(text.toCharArray(), 2, word.length(), ("t" + word).toCharArray(), number);
            words.put(word, number);
        }
        words.forEach((word, number) -> {
            char[] text = ("x" + word + "yz").toCharArray();
            int at = memory.find(text, 1, word.length());
            assertThat(at).as(word).isNotEqualTo(WordMemory.UNKNOWN);
            assertThat(memory.word(at)).as(word).isEqualTo(number);
            assertThat(new String(memory.term(at))).isEqualTo("t" + word);
        });
        assertThat(memory.find("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz".toCharArray(), 0, 33)).isEqualTo(WordMemory.UNKNOWN);
    }

    @Test
    void aClearedMemoryShouldForgetEveryWordAndLearnThemAgain() {
        WordMemory memory = new WordMemory();
        char[] word = "invoice".toCharArray();
        memory.remember(word, 0, word.length, "invoic".toCharArray(), 7);
        memory.clear();

        assertThat(memory.find(word, 0, word.length)).isEqualTo(WordMemory.UNKNOWN);
        int at = memory.remember(word, 0, word.length, "invoic".toCharArray(), 8);
        assertThat(memory.word(memory.find(word, 0, word.length))).isEqualTo(8);
        assertThat(memory.find("invoices".toCharArray(), 0, 8)).isEqualTo(WordMemory.UNKNOWN);
        assertThat(memory.find("invoic".toCharArray(), 0, 6)).isEqualTo(WordMemory.UNKNOWN);
        assertThat(at).isNotNegative();
    }

    private static String randomWord(Random random) {
        StringBuilder word = new StringBuilder();
        int length = 1 + random.nextInt(MemoizedTokenFilter.MAX_WORD_CHARS);
        for (int index = 0; index < length; index++) {
            // a few letters, so that many words share hashes' low bits and prefixes
            word.append((char) ('a' + random.nextInt(random.nextBoolean() ? 3 : 26)));
        }
        return word.toString();
    }
}
