package com.teaminbox.core;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The direction of core's packages (docs/architecture.md, "Packages of core"): syntax of the
 * file, then the shared mailbox's own values, then the features, then {@code config} that
 * assembles them, then what uses a whole shared mailbox. A cycle would undo that order.
 */
@AnalyzeClasses(packages = "com.teaminbox.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    /** Every package is its own slice ({@code (**)}): {@code config.xml} must not lean on {@code config} either. */
    @ArchTest
    static final ArchRule packagesShouldBeFreeOfCycles = slices()
        .matching("com.teaminbox.core.(**)")
        .should().beFreeOfCycles();

    /**
     * Core is unit-tested without a server and shaded into the bundle: of James it may use only the
     * value types of james-core ({@code MailAddress}, {@code Domain}, {@code Username}) and mime4j, both
     * on James's class path at run time.
     */
    @ArchTest
    static final ArchRule coreShouldUseNoJamesServerTypes = noClasses()
        .that().resideInAPackage("com.teaminbox.core..")
        .should().dependOnClassesThat(resideInAPackage("org.apache.james..")
            .and(not(resideInAnyPackage("org.apache.james.core", "org.apache.james.mime4j.."))))
        .because("core holds decisions free of James server types; the adapters live in extension/ and matchers/");
}
