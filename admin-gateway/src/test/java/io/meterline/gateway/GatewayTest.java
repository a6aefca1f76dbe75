package io.meterline.gateway;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.meterline.gateway.routing.DownstreamServices;
import io.meterline.testing.KafkaTestResource;
import io.meterline.testing.OidcTestResource;
import io.meterline.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** The infrastructure every admin-gateway test runs on: real PostgreSQL, Kafka, OIDC, and the services' edge. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service", value = "gateway"))
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(OidcTestResource.class)
@QuarkusTestResource(DownstreamServices.class)
public @interface GatewayTest {
}
