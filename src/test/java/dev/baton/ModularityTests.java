package dev.baton;

import com.tngtech.archunit.core.importer.ImportOption;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The module boundaries hold: each business module uses only other modules' top-level (API) types,
 * never their {@code internal} packages, and there are no cycles. Also writes the module
 * documentation (C4 and UML component diagrams, module canvases) to {@code <build dir>/spring-modulith-docs}.
 * Test classes are left out: a contract test may drive several modules' APIs to check how they meet.
 */
class ModularityTests {

    /** Like ImportOption.DoNotIncludeTests, but also for -Dbaton.build.dir=target-x builds. */
    static final ImportOption MAIN_CLASSES_ONLY = location -> !location.contains("/test-classes/");

    static final ApplicationModules MODULES = ApplicationModules.of(BatonApplication.class, MAIN_CLASSES_ONLY);

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
    }

    /** {@code spring-modulith-docs} beside {@code test-classes}, so it follows -Dbaton.build.dir. */
    static String outputFolder() {
        try {
            Path testClasses = Path.of(ModularityTests.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return testClasses.resolveSibling("spring-modulith-docs").toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(outputFolder())).writeDocumentation();
    }
}
