package io.meterline.gateway.views;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/** One part of a view, read from one service: its data, or why it is missing. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "One part of a view, read from one service: its data, or why it is missing.")
public record Panel(
        @Schema(description = "ok, or unavailable when the service could not be read in time.",
                enumeration = { "ok", "unavailable" }) String status,
        @Schema(description = "The service the panel is read from.", examples = "billing-service") String service,
        @Schema(description = "What was read from that service: its path and query, as the gateway routes it (a "
                + "caller may read further pages there).", examples = "/api/v1/clients?size=5&sort=-createdAt")
        String source,
        @Schema(description = "The service's answer, as that service documents it. Absent when unavailable.")
        JsonNode data,
        @Schema(description = "Why the panel is unavailable.",
                examples = "billing-service did not answer within 5000 ms.") String error,
        @Schema(description = "The service's HTTP status, when it answered with an error (403: the caller may not "
                + "read this panel; 404: what it shows does not exist).", examples = "403") Integer serviceStatus,
        @Schema(description = "How long the read took, in milliseconds.", examples = "12") long tookMs) {

    public static final String OK = "ok";
    public static final String UNAVAILABLE = "unavailable";

    public static Panel ok(String service, String source, JsonNode data, long tookMs) {
        return new Panel(OK, service, source, data, null, null, tookMs);
    }

    public static Panel unavailable(String service, String source, String error, long tookMs) {
        return new Panel(UNAVAILABLE, service, source, null, error, null, tookMs);
    }

    public static Panel refused(String service, String source, int serviceStatus, String error, long tookMs) {
        return new Panel(UNAVAILABLE, service, source, null, error, serviceStatus, tookMs);
    }
}
