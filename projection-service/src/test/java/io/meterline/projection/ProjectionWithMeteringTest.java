package io.meterline.projection;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.meterline.testing.KafkaTestResource;
import io.meterline.testing.MeteringServiceResource;
import io.meterline.testing.OidcTestResource;
import io.meterline.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Projection on real infrastructure with a real metering-service beside it: usage enters through metering's API. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service",
        value = "projection"))
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(OidcTestResource.class)
@QuarkusTestResource(MeteringServiceResource.class)
public @interface ProjectionWithMeteringTest {
}
