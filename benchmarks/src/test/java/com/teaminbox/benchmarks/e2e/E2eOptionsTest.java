package com.teaminbox.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class E2eOptionsTest {
    @Test
    void noOptionShouldCompareWithTheDocumentedDefaults() {
        E2eOptions options = E2eOptions.parse();

        assertThat(options).isEqualTo(new E2eOptions(E2eOptions.Mode.COMPARE, 2_000, 8, 3_000, "1g", Optional.empty(),
            false, true, 1_000, List.of(), 5, false, false, 250, 3, false));
    }

    @Test
    void quickShouldRunOnePairAndPairsShouldSetTheCountOfTheSequentialMethod() {
        assertThat(E2eOptions.parse("--sequential", "--quick").pairs()).isEqualTo(1);
        assertThat(E2eOptions.parse("--sequential", "--quick").mails()).isEqualTo(2_000);
        assertThat(E2eOptions.parse("--sequential", "--pairs", "3").pairs()).isEqualTo(3);
    }

    @Test
    void quickWithWindowsShouldMeasureFewerMailsAfterTheSameWarmUp() {
        E2eOptions options = E2eOptions.parse("--quick");

        assertThat(options.sequential()).isFalse();
        assertThat(options.mails()).isEqualTo(1_000);
        assertThat(options.window()).isEqualTo(250);
        assertThat(options.warmup()).isEqualTo(3_000);
        assertThat(E2eOptions.parse("--window", "100", "--mails", "600").window()).isEqualTo(100);
    }

    @Test
    void theWindowsShouldRunInThreeFreshPairsOfServersUnlessQuick() {
        assertThat(E2eOptions.parse().forks()).isEqualTo(3);
        assertThat(E2eOptions.parse("--forks", "5").forks()).isEqualTo(5);
        assertThat(E2eOptions.parse("--quick").forks()).isEqualTo(1);
        assertThatThrownBy(() -> E2eOptions.parse("--quick", "--forks", "2")).hasMessage("--quick is one fork: give --forks or --quick, not both");
        assertThatThrownBy(() -> E2eOptions.parse("--sequential", "--forks", "2"))
            .hasMessage("--window and --forks apply to the alternating windows, not to --sequential (its pairs: --pairs)");
    }

    @Test
    void optionsOfOneMethodShouldBeRefusedWithTheOther() {
        assertThatThrownBy(() -> E2eOptions.parse("--pairs", "3")).hasMessageStartingWith("--pairs applies to --sequential");
        assertThatThrownBy(() -> E2eOptions.parse("--next-minute")).hasMessageStartingWith("--next-minute applies to --sequential");
        assertThatThrownBy(() -> E2eOptions.parse("--sequential", "--window", "100"))
            .hasMessage("--window and --forks apply to the alternating windows, not to --sequential (its pairs: --pairs)");
        assertThatThrownBy(() -> E2eOptions.parse("--memory", "--window", "100"))
            .hasMessage("--sequential, --window and --forks apply to the comparison only");
    }

    @Test
    void theWarmUpShouldDefaultToOneAndAHalfTimesTheMailsWithinFiftyAndThreeThousand() {
        assertThat(E2eOptions.parse("--mails", "20").warmup()).isEqualTo(50);
        assertThat(E2eOptions.parse("--mails", "1000").warmup()).isEqualTo(1_500);
        assertThat(E2eOptions.parse("--mails", "100000").warmup()).isEqualTo(3_000);
    }

    @Test
    void everyOptionShouldBeRead() {
        E2eOptions options = E2eOptions.parse("--mails", "300", "--senders", "4", "--warmup", "0", "--heap", "512m",
            "--samples", "/tmp/mails", "--stock-thread-ids", "--no-docs", "--next-minute", "--sequential");

        assertThat(options).isEqualTo(new E2eOptions(E2eOptions.Mode.COMPARE, 300, 4, 0, "512m", Optional.of(Path.of("/tmp/mails")),
            true, false, 1_000, List.of(), 5, true, true, 250, 1, false));
    }

    @Test
    void nextMinuteShouldApplyToTheComparisonOnly() {
        assertThatThrownBy(() -> E2eOptions.parse("--memory", "--next-minute")).hasMessage("--next-minute applies to the comparison only");
        assertThatThrownBy(() -> E2eOptions.parse("--without", "ApplyRules", "--next-minute"))
            .hasMessage("--next-minute applies to the comparison only");
    }

    @Test
    void withoutShouldAblateTheNamedMailets() {
        E2eOptions options = E2eOptions.parse("--without", "ApplyRules,Acknowledge", "--mails", "500");

        assertThat(options.mode()).isEqualTo(E2eOptions.Mode.ABLATION);
        assertThat(options.without()).containsExactly("ApplyRules", "Acknowledge");
        assertThat(options.mails()).isEqualTo(500);
    }

    @Test
    void memoryShouldTakeItsOwnCount() {
        E2eOptions options = E2eOptions.parse("--memory", "--big-mails", "10");

        assertThat(options.mode()).isEqualTo(E2eOptions.Mode.MEMORY);
        assertThat(options.bigMails()).isEqualTo(10);
    }

    @Test
    void mistakesShouldBeRefusedWithTheOptionNamed() {
        assertThatThrownBy(() -> E2eOptions.parse("--mail", "100")).hasMessageStartingWith("Unknown option --mail; known: ");
        assertThatThrownBy(() -> E2eOptions.parse("--mails")).hasMessage("--mails needs a value");
        assertThatThrownBy(() -> E2eOptions.parse("--mails", "--no-docs")).hasMessage("--mails needs a value");
        assertThatThrownBy(() -> E2eOptions.parse("--mails", "many")).hasMessage("--mails takes a whole number, not 'many'");
        assertThatThrownBy(() -> E2eOptions.parse("--mails", "0")).hasMessage("--mails must be at least 1: 0");
        assertThatThrownBy(() -> E2eOptions.parse("--warmup", "-1")).hasMessage("--warmup must be at least 0: -1");
        assertThatThrownBy(() -> E2eOptions.parse("--senders", "0")).hasMessage("--senders must be at least 1: 0");
        assertThatThrownBy(() -> E2eOptions.parse("--mails", "10", "--mails", "20")).hasMessage("--mails is given twice");
        assertThatThrownBy(() -> E2eOptions.parse("--heap", "lots")).hasMessageContaining("not 'lots'");
        assertThatThrownBy(() -> E2eOptions.parse("--without", "ApplyRules,")).hasMessageContaining("separated by commas");
    }

    @Test
    void optionsThatDoNotGoTogetherShouldBeRefused() {
        assertThatThrownBy(() -> E2eOptions.parse("--memory", "--without", "ApplyRules")).hasMessageContaining("--without does not apply");
        assertThatThrownBy(() -> E2eOptions.parse("--memory", "--warmup", "10")).hasMessageContaining("--warmup does not apply");
        assertThatThrownBy(() -> E2eOptions.parse("--big-mails", "10")).hasMessage("--big-mails applies to --memory only");
        assertThatThrownBy(() -> E2eOptions.parse("--quick", "--pairs", "2")).hasMessageContaining("not both");
        assertThatThrownBy(() -> E2eOptions.parse("--memory", "--quick")).hasMessage("--pairs and --quick apply to the comparison only");
        assertThatThrownBy(() -> E2eOptions.parse("--without", "ApplyRules", "--pairs", "2"))
            .hasMessage("--pairs and --quick apply to the comparison only");
        assertThatThrownBy(() -> E2eOptions.parse("--sequential", "--pairs", "0")).hasMessage("--pairs must be at least 1: 0");
    }

    @Test
    void theJitRecordingIsAskedForWithTheWindowsOnly() {
        assertThat(E2eOptions.parse("--jit-record").jitRecord()).isTrue();
        assertThat(E2eOptions.parse("--quick", "--jit-record").jitRecord()).isTrue();
        assertThat(E2eOptions.parse().jitRecord()).isFalse();
        assertThatThrownBy(() -> E2eOptions.parse("--sequential", "--jit-record")).hasMessageStartingWith("--jit-record reads the compiles inside");
        assertThatThrownBy(() -> E2eOptions.parse("--memory", "--jit-record")).hasMessageStartingWith("--jit-record reads the compiles inside");
    }
}
