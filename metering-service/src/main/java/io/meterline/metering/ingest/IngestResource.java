package io.meterline.metering.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.meterline.metering.apikeys.ApiKeyIdentity;
import io.meterline.metering.apikeys.IngestRateLimiter;
import io.meterline.platform.problem.ProblemException;
import io.meterline.platform.problem.ProblemTypes;
import io.meterline.platform.security.Actor;
import io.meterline.platform.security.Roles;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Where tenant services send usage. */
@Path("/api/v1/events")
@Tag(name = "Ingest", description = "Send meter events: what, whom, when, how much, where")
public class IngestResource {

    static final String CLOUDEVENTS_BATCH = "application/cloudevents-batch+json";
    static final String CLOUDEVENT = "application/cloudevents+json";

    @Inject
    IngestService service;

    @Inject
    IngestConfig config;

    @Inject
    SecurityIdentity identity;

    @Inject
    ObjectMapper json;

    @Inject
    IngestRateLimiter rateLimiter;

    @POST
    @Consumes({ MediaType.APPLICATION_JSON, CLOUDEVENTS_BATCH, CLOUDEVENT })
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, ApiKeyIdentity.INGEST })
    @Operation(summary = "Send a batch of meter events",
            description = "A JSON array of events, in which valid events are kept even when others are rejected; "
                    + "or, as OpenMeter takes them, a CloudEvents batch (application/cloudevents-batch+json) or one "
                    + "CloudEvent (application/cloudevents+json), which are taken whole: one invalid event refuses "
                    + "the request with 400, listing each event's reason, and nothing is stored. Answers once Kafka "
                    + "has the batch; each event is then stored exactly once per (customer or asset, id), whatever "
                    + "the retries.")
    @RequestBody(content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "one event", value = """
                    [{"id":"evt-1","meter":"llm_tokens","customer":"acme","asset":"gw-eu-1","source":"llm-gateway",
                      "timestamp":"2026-11-20T10:00:00Z","value":"1250","dimensions":{"model":"gpt-4o","provider":"azure"}}]""")),
            @Content(mediaType = CLOUDEVENTS_BATCH, examples = @ExampleObject(name = "OpenMeter shape", value = """
                    [{"specversion":"1.0","id":"evt-1","source":"llm-gateway","type":"llm_tokens","subject":"acme",
                      "time":"2026-11-20T10:00:00Z","data":{"value":"1250","model":"gpt-4o"}}]""")),
            @Content(mediaType = CLOUDEVENT, examples = @ExampleObject(name = "one CloudEvent, valueProperty $.tokens",
                    value = """
                    {"specversion":"1.0","id":"evt_01234567","source":"llm-api-gateway","type":"ai-tokens",
                     "subject":"customer-acme-corp","time":"2026-11-20T10:00:00Z",
                     "data":{"model":"gpt-4","type":"input","tokens":1250}}""")) })
    @APIResponse(responseCode = "202", description = "Accepted: the count, and each rejected event with its reason",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "partly rejected",
                    value = """
                            {"accepted":1,"rejected":[{"index":1,"id":"evt-2","code":"unknown_meter",
                              "reason":"Unknown meter 'llm_tokenz'. Define it with POST /api/v1/meters first."}],"suppressed":0}""")))
    @APIResponse(responseCode = "400", description = "Not a JSON array (or, for one CloudEvent, not an object); or "
            + "CloudEvents of which one or more are invalid: nothing is stored, and errors lists each by index",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(
                    name = "CloudEvents refused", value = """
                            {"type":"https://meterline.io/problems/validation","title":"Invalid events","status":400,
                             "detail":"1 of 2 CloudEvents is invalid, so none was stored. [1] evt-2: missing_value: value at $.tokens in data (the meter's valueProperty) is required for the SUM meter ai-tokens.",
                             "errors":[{"field":"[1]","message":"evt-2: missing_value: value at $.tokens in data (the meter's valueProperty) is required for the SUM meter ai-tokens."}]}""")))
    @APIResponse(responseCode = "401", description = "No or bad credential")
    @APIResponse(responseCode = "403", description = "A credential without the ingest role, or backfill without admin")
    @APIResponse(responseCode = "413", description = "More events than the batch limit (1,000 by default)")
    @APIResponse(responseCode = "429", description = "An API key over its events per second; Retry-After says when to "
            + "send the batch again")
    @APIResponse(responseCode = "503", description = "Kafka did not take the batch in time; send it again with the same "
            + "ids after the Retry-After (each identity is stored once)")
    public Uni<RestResponse<IngestResult>> ingest(byte[] body,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @QueryParam("backfill") @Parameter(description = "Admins only: accept events older than the late window")
            boolean backfill) {
        if (backfill && !identity.hasRole(Roles.ADMIN)) {
            throw new ForbiddenException("Only an admin may backfill.");
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        boolean one = type.startsWith(CLOUDEVENT);
        IngestService.Shape shape = one || type.startsWith(CLOUDEVENTS_BATCH)
                ? IngestService.Shape.CloudEvents : IngestService.Shape.MeterlineJson;
        List<JsonNode> events = parse(body, one);
        rateLimiter.admit(identity.getAttribute(ApiKeyIdentity.KEY_ID), events.size());
        String scope = identity.getAttribute(ApiKeyIdentity.CUSTOMER_SCOPE);
        return service.ingest(events, shape, backfill, scope, Actor.of(identity))
                .map(result -> RestResponse.status(RestResponse.Status.ACCEPTED, result));
    }

    /** Read from the bytes as sent: no decoding into a String first. */
    private List<JsonNode> parse(byte[] body, boolean oneCloudEvent) {
        JsonNode root;
        try {
            root = json.readTree(body == null ? new byte[0] : body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new ProblemException(400, ProblemTypes.MALFORMED, "Malformed JSON",
                    "The request body is not valid JSON" + where + ": " + e.getOriginalMessage(), List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a byte array in memory: not expected
        }
        if (oneCloudEvent) {
            if (root == null || !root.isObject()) {
                throw ProblemException.invalidField("body", "must be one CloudEvent, a JSON object (send a batch as "
                        + CLOUDEVENTS_BATCH + ")");
            }
            return List.of(root);
        }
        if (root == null || root.isMissingNode() || !root.isArray()) {
            throw ProblemException.invalidField("body", "must be a JSON array of events");
        }
        if (root.size() > config.maxBatch()) {
            throw new ProblemException(413, ProblemTypes.HTTP, "Batch too large", "This batch has " + root.size()
                    + " events; the most one request may carry is " + config.maxBatch() + ". Split it.", List.of());
        }
        List<JsonNode> events = new ArrayList<>(root.size());
        root.forEach(events::add);
        return events;
    }
}
