package io.meterline.platform.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An RFC 9457 problem detail: the body of every 4xx and 5xx answer. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "An RFC 9457 problem detail.")
@RegisterForReflection
public record Problem(
        @Schema(description = "A URI that names the kind of problem.", examples = "https://meterline.io/problems/validation")
        String type,
        @Schema(description = "A short summary of the kind of problem.", examples = "Invalid request")
        String title,
        @Schema(description = "The HTTP status.", examples = "400")
        int status,
        @Schema(description = "What went wrong with this request, and what to do about it.",
                examples = "apiName must match [a-z0-9_.-]+")
        String detail,
        @Schema(description = "The request path.", examples = "/api/v1/meters")
        String instance,
        @Schema(description = "One entry per invalid field, when the problem is about input.")
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** Where an input problem is, and why. */
    @Schema(name = "FieldError")
    public record FieldError(
            @Schema(description = "The field, as a JSON path.", examples = "price.tiers[1].upTo") String field,
            @Schema(description = "Why it is invalid.", examples = "must be greater than the previous tier's upTo")
            String message) {
    }
}
