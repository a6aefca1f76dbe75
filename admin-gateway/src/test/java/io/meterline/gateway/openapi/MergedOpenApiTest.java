package io.meterline.gateway.openapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.meterline.gateway.GatewayTest;
import io.meterline.gateway.routing.DownstreamServices;
import io.quarkus.test.junit.QuarkusTest;

/** One OpenAPI document for the whole admin API, from the services' own (projection-service is down here). */
@QuarkusTest
@GatewayTest
class MergedOpenApiTest {

    private static final String LISTING_OF_METERS = "{\"type\":\"object\",\"properties\":{\"items\":{\"type\":\"array\"}}}";

    @BeforeEach
    void scriptTheServicesDocuments() {
        DownstreamServices.RECEIVED.clear();
        DownstreamServices.SCRIPT.clear();
        serve("metering", """
                {"openapi":"3.1.0","info":{"title":"metering","version":"0.1.0"},
                 "tags":[{"name":"Meters"}],
                 "paths":{
                   "/api/v1/meters":{"get":{"operationId":"list","tags":["Meters"],"responses":{"200":{
                     "content":{"application/json":{"schema":{"$ref":"#/components/schemas/Listing"}}}}}}},
                   "/api/v1/whoami":{"get":{"operationId":"whoami"}},
                   "/api/v1/events":{"post":{"operationId":"ingest"}}},
                 "components":{"schemas":{"Listing":%s,"Problem":{"type":"object"}},
                   "securitySchemes":{"bearer":{"type":"http","scheme":"bearer"}}}}""".formatted(LISTING_OF_METERS));
        serve("pricing", """
                {"openapi":"3.1.0","info":{"title":"pricing","version":"0.1.0"},
                 "paths":{"/api/v1/unit-types":{"get":{"operationId":"listUnitTypes"}}},
                 "components":{"schemas":{"Problem":{"type":"object"}}}}""");
        serve("billing", """
                {"openapi":"3.1.0","info":{"title":"billing","version":"0.1.0"},
                 "tags":[{"name":"Clients"}],
                 "paths":{
                   "/api/v1/clients":{"get":{"operationId":"list","responses":{"200":{
                     "content":{"application/json":{"schema":{"$ref":"#/components/schemas/Listing"}}}}}}},
                   "/api/v1/audit":{"get":{"operationId":"auditPage"}}},
                 "components":{"schemas":{
                   "Listing":{"type":"object","properties":{"items":{"type":"array",
                     "items":{"$ref":"#/components/schemas/Listing"}},"total":{"type":"integer"}}}}}}""");
    }

    private static void serve(String service, String document) {
        DownstreamServices.SCRIPT.put("/" + service + "/q/openapi",
                new DownstreamServices.Answer(200, Map.of("Content-Type", "application/json"), document));
    }

    @Test
    void everyOperationAnAdminCanCallHereIsInOneDocument() {
        given().when().get("/api/openapi.json").then().statusCode(200).contentType("application/json")
                .body("info.title", equalTo("Meterline API"))
                .body("paths", hasKey("/api/v1/meters")).body("paths", hasKey("/api/v1/unit-types"))
                .body("paths", hasKey("/api/v1/clients"))
                // The gateway answers whoami and the merged audit itself; ingest is not sent through it.
                .body("paths", hasKey("/api/v1/whoami")).body("paths", hasKey("/api/v1/audit"))
                .body("paths.'/api/v1/whoami'.get.tags", contains("Identity"))
                .body("paths.'/api/v1/audit'.get.operationId", not(equalTo("auditPage")))
                .body("paths", not(hasKey("/api/v1/events")))
                .body("components.securitySchemes", hasKey("bearer"))
                .body("tags.name", contains("Audit", "Clients", "Identity", "Meters", "Views"))
                .body("'x-meterline-unavailable'", contains("projection"));
    }

    @Test
    void aSchemaNameTwoServicesUseDifferentlyIsRenamedWithItsReferences() {
        given().when().get("/api/openapi.json").then().statusCode(200)
                .body("components.schemas", hasKey("Listing")).body("components.schemas", hasKey("BillingListing"))
                .body("components.schemas.Problem.type", equalTo("object"))
                .body("paths.'/api/v1/meters'.get.responses.'200'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/Listing"))
                .body("paths.'/api/v1/clients'.get.responses.'200'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/BillingListing"))
                .body("components.schemas.BillingListing.properties.items.items.'$ref'",
                        equalTo("#/components/schemas/BillingListing"));
    }

    @Test
    void anOperationIdAlreadyTakenGetsItsServicesName() {
        given().when().get("/api/openapi.json").then().statusCode(200)
                .body("paths.'/api/v1/meters'.get.operationId", equalTo("list"))
                .body("paths.'/api/v1/clients'.get.operationId", equalTo("billingList"));
    }

    @Test
    void aServiceThatAnswersGarbageIsListedAsUnavailable() {
        serve("pricing", "not json");
        given().when().get("/api/openapi.json").then().statusCode(200)
                .body("paths", not(hasKey("/api/v1/unit-types")))
                .body("'x-meterline-unavailable'", contains("pricing", "projection"));
    }

    @Test
    void theGatewaysOwnDocumentStaysAtQOpenapi() {
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("Meterline Admin gateway API"))
                .body("paths", not(hasKey("/api/v1/clients")));
    }
}
