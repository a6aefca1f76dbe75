package io.meterline.projection;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.meterline.testing.KafkaTestResource;
import io.meterline.testing.OidcTestResource;
import io.meterline.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** The real infrastructure every projection-service test runs on. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service",
        value = "projection"))
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(OidcTestResource.class)
public @interface ProjectionTest {
}
