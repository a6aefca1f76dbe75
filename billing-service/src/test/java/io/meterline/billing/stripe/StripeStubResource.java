package io.meterline.billing.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A local server speaking Stripe's HTTP API for the requests billing makes (the one edge we cannot reach from here),
 * with one injected 500 on the first invoice item, which stripe-java retries.
 */
public class StripeStubResource implements QuarkusTestResourceLifecycleManager {

    static final String PORT = "meterline.test.stripe.port";
    static final String STRIPE_INVOICE = "in_meterline_1";
    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        System.setProperty(PORT, String.valueOf(server.port()));
        server.stubFor(post(urlEqualTo("/v1/invoices")).willReturn(json(200,
                "{\"id\":\"" + STRIPE_INVOICE + "\",\"object\":\"invoice\",\"status\":\"draft\"}")));
        server.stubFor(post(urlEqualTo("/v1/invoiceitems")).inScenario("items").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(500, "{\"error\":{\"type\":\"api_error\",\"message\":\"Injected failure\"}}")
                        .withHeader("Stripe-Should-Retry", "true"))
                .willSetStateTo("recovered"));
        server.stubFor(post(urlEqualTo("/v1/invoiceitems")).inScenario("items").whenScenarioStateIs("recovered")
                .willReturn(json(200, "{\"id\":\"ii_1\",\"object\":\"invoiceitem\"}")));
        server.stubFor(post(urlEqualTo("/v1/invoices/" + STRIPE_INVOICE + "/finalize")).willReturn(json(200,
                "{\"id\":\"" + STRIPE_INVOICE + "\",\"object\":\"invoice\",\"status\":\"open\"}")));
        server.stubFor(post(urlEqualTo("/v1/invoices/" + STRIPE_INVOICE + "/void")).willReturn(json(200,
                "{\"id\":\"" + STRIPE_INVOICE + "\",\"object\":\"invoice\",\"status\":\"void\"}")));
        return Map.of("meterline.billing.stripe.enabled", "true",
                "meterline.billing.stripe.api-key", "sk_test_meterline",
                "meterline.billing.stripe.api-base", "http://localhost:" + server.port(),
                "meterline.billing.stripe.poll-interval", "PT0.3S",
                "meterline.billing.stripe.max-retries", "2");
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
