package io.meterline.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The layers every service keeps, checked on its compiled classes: a resource takes a request and calls a service; a
 * service holds the transaction, the audit row and the queries; a repository or an entity holds the SQL. A service's
 * test implements this with its root package.
 *
 * <pre>
 * class MeteringArchitectureTest implements ArchitectureContract {
 *     public String servicePackage() { return "io.meterline.metering"; }
 * }
 * </pre>
 */
public interface ArchitectureContract {

    /** The service's root package, such as {@code io.meterline.metering}. */
    String servicePackage();

    /** The packages of the shared modules, which no service's code may be imported by. */
    String[] COMMON = { "io.meterline.platform..", "io.meterline.contracts..", "io.meterline.rating..",
            "io.meterline.testing.." };

    /** Every service's root package. */
    String[] SERVICES = { "io.meterline.metering..", "io.meterline.pricing..", "io.meterline.billing..",
            "io.meterline.projection..", "io.meterline.gateway.." };

    /** Classes with {@code @Path}; a REST client is an interface with one, and is no resource. */
    DescribedPredicate<JavaClass> RESOURCES = DescribedPredicate.describe("resources (@Path classes)",
            c -> c.isAnnotatedWith("jakarta.ws.rs.Path") && !c.isInterface());

    DescribedPredicate<JavaClass> PERSISTENCE = DescribedPredicate.describe(
            "SQL clients, Hibernate, Panache entities and transactions, the audit log or the outbox",
            c -> c.getPackageName().startsWith("io.vertx.mutiny.sqlclient")
                    || c.getPackageName().startsWith("io.vertx.sqlclient")
                    || c.getPackageName().startsWith("org.hibernate")
                    || c.getPackageName().startsWith("io.quarkus.hibernate")
                    || c.getPackageName().startsWith("io.meterline.platform.audit")
                    && !c.getSimpleName().equals("AuditEntry")
                    || c.getPackageName().startsWith("io.meterline.platform.outbox")
                    || c.getSimpleName().endsWith("Repository")
                    || c.isAssignableTo("io.quarkus.hibernate.reactive.panache.PanacheEntityBase"));

    private JavaClasses classes() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(servicePackage());
    }

    @Test
    default void resourcesCallServicesAndTouchNoPersistence() {
        noClasses().that(RESOURCES).should().dependOnClassesThat(PERSISTENCE)
                .because("a resource stays thin: no SQL, transactions or audit calls; a service does them")
                .check(classes());
    }

    @Test
    default void nothingBelowAResourceDependsOnOne() {
        noClasses().that(DescribedPredicate.not(RESOURCES)).should().dependOnClassesThat(RESOURCES)
                .because("services and repositories are called by resources, never the other way")
                .allowEmptyShould(true).check(classes());
    }

    @Test
    default void repositoriesDoNotCallServices() {
        noClasses().that().haveSimpleNameEndingWith("Repository").should().dependOnClassesThat()
                .haveSimpleNameEndingWith("Service")
                .because("a repository reads and writes rows; deciding is a service's job")
                .allowEmptyShould(true).check(classes());
    }

    @Test
    default void theSharedModulesDependOnNoService() {
        noClasses().that().resideInAnyPackage(COMMON).should().dependOnClassesThat().resideInAnyPackage(SERVICES)
                .because("common/ is shared by every service and knows none of them")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.meterline.platform", "io.meterline.contracts", "io.meterline.rating",
                                "io.meterline.testing"));
    }

    /**
     * common/contracts is outside Quarkus's index, so a native image keeps a payload record for Jackson only when the
     * service lists it: every contracts record the service's code uses is in its {@code NativeReflection} holder.
     */
    @Test
    default void everyContractsRecordItUsesIsKeptForANativeImage() {
        JavaClasses classes = classes();
        Set<String> used = new TreeSet<>();
        classes.forEach(c -> c.getDirectDependenciesFromSelf().forEach(d -> {
            JavaClass target = d.getTargetClass();
            if (target.getPackageName().startsWith("io.meterline.contracts") && target.getEnclosingClass().isEmpty()
                    && target.reflect().isRecord()) {
                used.add(target.getName());
            }
        }));
        Set<String> kept = new TreeSet<>();
        String holder = servicePackage() + ".NativeReflection";
        if (classes.contain(holder)) {
            RegisterForReflection registration = classes.get(holder).reflect().getAnnotation(RegisterForReflection.class);
            Arrays.stream(registration.targets()).forEach(t -> kept.add(t.getName()));
        }
        used.removeAll(kept);
        Assertions.assertEquals(Set.of(), used, holder + " must list these records, which the service reads or writes");
    }
}
