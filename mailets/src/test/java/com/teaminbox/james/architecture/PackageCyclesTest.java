package com.teaminbox.james.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;

/**
 * No package cycle among the extension's and the mailets' packages: a cycle is how "a utility
 * everyone uses" and "the module that wires everything" end up in one package, and how a mailet
 * and the store it uses end up needing each other (sending ↔ mailets before the mailets/ module).
 * The root package {@code com.teaminbox.james} holds only the Guice module, which imports
 * everything and which nothing imports; the slices are its sub-packages.
 */
class PackageCyclesTest {
    /** Main classes only, whether the reactor hands them over as a folder or as a jar. */
    private static final ImportOption MAIN_CLASSES_ONLY = (Location location) ->
        !location.contains("/test-classes/") && !location.contains("-tests.jar");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(MAIN_CLASSES_ONLY).importPackages("com.teaminbox.james");
    }

    @Test
    void importShouldSeeTheExtensionAndTheMailets() {
        // Without this, a class path change could make the rules below pass on nothing.
        assertThat(classes.contain("com.teaminbox.james.SharedMailboxesModule")).isTrue();
        assertThat(classes.contain("com.teaminbox.james.common.MessageHeaders")).isTrue();
        assertThat(classes.contain("com.teaminbox.james.mailets.AssignTicket")).isTrue();
        assertThat(classes.contain("com.teaminbox.james.matchers.RecipientIsSharedMailbox")).isTrue();
    }

    /** The slices: the extension's packages (common, sending, audit…) and the mailets' (mailets, matchers). */
    @Test
    void extensionAndMailetPackagesShouldBeFreeOfCycles() {
        slices().matching("com.teaminbox.james.(*)..").should().beFreeOfCycles().check(classes);
    }
}
