package org.bricknet.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout DESIGN.md draws, held by the build: the engine's fence, the directions between modules
 * and packages, and no cycles. Main code of every module is checked (tests may reach further).
 */
class ArchitectureTest {
    private static final String ENGINE = "org.bricknet.core.engine..";
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(location -> !location.contains("/test-classes/") && !location.contains("-tests.jar"))
                .importPackages("org.bricknet");
    }

    @Test
    void onlyTheEngineNamesBlasOrTheVectorApi() {
        noClasses()
                .that()
                .resideOutsideOfPackage(ENGINE)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.ludovic.netlib..", "jdk.incubator.vector..")
                .because("the engine alone decides how products and scans run (DESIGN.md, the engine)")
                .check(classes);
    }

    @Test
    void theLibraryStartsNoThreadOfItsOwnOutsideTheEngine() {
        noClasses()
                .that()
                .resideOutsideOfPackage(ENGINE)
                .and()
                .resideInAnyPackage(
                        "org.bricknet.core..", "org.bricknet.layers..", "org.bricknet.losses..", "org.bricknet.optim..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.util.concurrent.locks..", "java.util.concurrent.atomic..")
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(Thread.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(java.util.concurrent.Executor.class)
                .because("one pool of threads at most: the engine's (DESIGN.md, the engine)")
                .check(classes);
    }

    @Test
    void layersLossesAndOptimDependOnCoreOnly() {
        noClasses()
                .that()
                .resideInAnyPackage("org.bricknet.layers..", "org.bricknet.losses..", "org.bricknet.optim..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.bricknet.examples..")
                .check(classes);
        noClasses()
                .that()
                .resideInAnyPackage("org.bricknet.layers..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.bricknet.losses..", "org.bricknet.optim..")
                .check(classes);
        noClasses()
                .that()
                .resideInAnyPackage("org.bricknet.losses..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.bricknet.layers..", "org.bricknet.optim..")
                .check(classes);
        noClasses()
                .that()
                .resideInAnyPackage("org.bricknet.optim..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.bricknet.layers..", "org.bricknet.losses..")
                .check(classes);
    }

    @Test
    void coreDependsOnNothingOutsideCore() {
        noClasses()
                .that()
                .resideInAPackage("org.bricknet.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.bricknet.layers..",
                        "org.bricknet.losses..",
                        "org.bricknet.optim..",
                        "org.bricknet.examples..")
                .check(classes);
    }

    @Test
    void theModelDependsOnNoOtherPackageOfCore() {
        noClasses()
                .that()
                .resideInAPackage("org.bricknet.core")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.bricknet.core.engine..",
                        "org.bricknet.core.check..",
                        "org.bricknet.core.contract..",
                        "org.bricknet.core.data..",
                        "org.bricknet.core.io..")
                .because("the model (Tensor, Layer, Network) is what everything else builds on")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("org.bricknet.core.data..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.bricknet.core.io..")
                .because("data holds examples, not file formats")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage(ENGINE)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.bricknet.core.check..",
                        "org.bricknet.core.contract..",
                        "org.bricknet.core.data..",
                        "org.bricknet.core.io..")
                .check(classes);
    }

    @Test
    void theCommandLineLivesInOnePackage() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.bricknet.examples.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("picocli..")
                .check(classes);
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching("org.bricknet.(**)").should().beFreeOfCycles().check(classes);
    }
}
