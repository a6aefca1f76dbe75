package io.meterline.billing.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.meterline.billing.Billing.client;
import static io.meterline.billing.Billing.createClient;
import static io.meterline.billing.Billing.map;
import static io.meterline.billing.Billing.with;
import static io.meterline.billing.runs.BillingRunStoryTest.awaitFinished;
import static io.meterline.billing.runs.BillingRunStoryTest.invoices;
import static io.meterline.billing.runs.BillingRunStoryTest.run;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.meterline.billing.CatalogFeed;
import io.meterline.billing.MeteringFeed;
import io.meterline.contracts.catalog.UnitTypeChanged;
import io.meterline.testing.KafkaTestResource;
import io.meterline.testing.MeteringServiceResource;
import io.meterline.testing.OidcTestResource;
import io.meterline.testing.PostgresTestResource;
import io.meterline.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Stripe sync against a local server speaking Stripe's API, with one injected 500 retried to success. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service", value = "billing"))
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(OidcTestResource.class)
@QuarkusTestResource(MeteringServiceResource.class)
@QuarkusTestResource(StripeStubResource.class)
class StripeSyncStoryTest {

    @Test
    void aFinalizedInvoiceIsSyncedOnceThroughARetriedFailureAndVoidedThereWhenVoidedHere() {
        String meter = MeteringFeed.meter("SUM");
        UnitTypeChanged unitType = CatalogFeed.unitType(meter, "100", "10.00", "1.00");
        String client = createClient(with(client("Stripe Co"), "stripeCustomerId", "cus_meterline"));
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(map("client", client, "unitType", unitType.name(), "startsAt", "2026-01-01T00:00:00Z"))
                .when().post("/api/v1/buckets").then().statusCode(201);
        awaitFinished(run("2026-02-05T00:00:00Z", client));
        String invoice = invoices(client).getString("items[0].id");

        JsonPath synced = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> invoices(client),
                page -> "SYNCED".equals(page.getString("items[0].stripe.status")));
        assertThat(synced.getString("items[0].stripe.invoiceId")).isEqualTo(StripeStubResource.STRIPE_INVOICE);

        WireMock stripe = new WireMock("localhost", Integer.parseInt(System.getProperty(StripeStubResource.PORT)));
        List<LoggedRequest> created = stripe.find(postRequestedFor(urlEqualTo("/v1/invoices")));
        assertThat(created).hasSize(1);
        assertThat(created.get(0).getHeader("Idempotency-Key")).isEqualTo("meterline-" + invoice + "-invoice");
        assertThat(created.get(0).getBodyAsString()).contains("customer=cus_meterline", "currency=usd");
        // The injected 500, then the retry: the same request, the same idempotency key.
        List<LoggedRequest> items = stripe.find(postRequestedFor(urlEqualTo("/v1/invoiceitems")));
        assertThat(items).hasSize(2);
        assertThat(items).extracting(r -> r.getHeader("Idempotency-Key"))
                .containsOnly("meterline-" + invoice + "-line-0");
        assertThat(items.get(1).getBodyAsString()).contains("amount=1000", "invoice=" + StripeStubResource.STRIPE_INVOICE);
        assertThat(stripe.find(postRequestedFor(urlEqualTo("/v1/invoices/" + StripeStubResource.STRIPE_INVOICE
                + "/finalize")))).hasSize(1);

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(map("reason", "Duplicate"))
                .when().post("/api/v1/invoices/" + invoice + "/void").then().statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> stripe.find(postRequestedFor(urlEqualTo(
                "/v1/invoices/" + StripeStubResource.STRIPE_INVOICE + "/void"))).size() == 1);
    }
}
