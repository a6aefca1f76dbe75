package io.meterline.platform.problem;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.meterline.platform.json.RefusedValueException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** The one place where exceptions become problem+json answers. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response domain(ProblemException e, UriInfo uri) {
        Problem problem = new Problem(e.type(), e.title(), e.status(), e.getMessage(), path(uri), e.errors());
        if (e.retryAfter() == null) {
            return respond(problem);
        }
        // Whole seconds, at least one: the header has no finer unit.
        long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).header("Retry-After", seconds)
                .entity(problem).build();
    }

    /**
     * A 400 naming each invalid field, for a service's own mapper of an exception the platform does not know (the
     * rating engine's, say: the platform knows no domain).
     */
    public static Response invalidFields(String detail, List<Problem.FieldError> errors, UriInfo uri) {
        return respond(new Problem(ProblemTypes.VALIDATION, "Invalid request", 400, detail, path(uri), errors));
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        Problem problem = new Problem(ProblemTypes.UNAUTHENTICATED, "Unauthenticated", 401,
                "This endpoint needs a valid bearer token: an OIDC access token, or an API key where the endpoint "
                        + "takes one. Send it as 'Authorization: Bearer <token>'.",
                path(uri), List.of());
        return Response.status(401).type(Problem.MEDIA_TYPE).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(problem).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(new Problem(ProblemTypes.FORBIDDEN, "Forbidden", 403,
                "Your credentials are valid but lack the role this action needs. Call GET /api/v1/whoami to see your "
                        + "roles.",
                path(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        String field = fieldPath(e);
        String message = e instanceof UnrecognizedPropertyException
                ? "is not a known field"
                : e instanceof RefusedValueException refused
                        ? refused.rule()
                : e instanceof InvalidFormatException ife
                        ? "cannot be read from " + ife.getValue()
                        : "has the wrong type or shape";
        List<Problem.FieldError> errors = field.isEmpty() ? List.of() : List.of(new Problem.FieldError(field, message));
        String detail = field.isEmpty() ? "The request body has the wrong shape." : field + " " + message + ".";
        return respond(new Problem(ProblemTypes.VALIDATION, "Invalid request", 400, detail, path(uri), errors));
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e, UriInfo uri) {
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return respond(new Problem(ProblemTypes.MALFORMED, "Malformed JSON", 400,
                "The request body is not valid JSON" + where + ": " + e.getOriginalMessage(), path(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof MismatchedInputException mismatched) {
            return mismatchedInput(mismatched, uri);
        }
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return malformed(unreadable, uri);
        }
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            return internal(e, uri);
        }
        Response.StatusType statusType = Response.Status.fromStatusCode(status);
        String title = statusType != null ? statusType.getReasonPhrase() : "HTTP " + status;
        String detail = switch (status) {
            case 404 -> "No resource exists at this path.";
            case 405 -> "This path does not support the HTTP method used.";
            case 406 -> "This endpoint cannot produce the media type you asked for.";
            case 415 -> "This endpoint does not accept the request's Content-Type.";
            default -> e.getMessage();
        };
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem(status == 404 ? ProblemTypes.NOT_FOUND : ProblemTypes.HTTP, title, status, detail,
                        path(uri), List.of()));
        original.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return builder.build();
    }

    /** A change made from a state another change replaced meanwhile ({@code @Version}): nothing was written. */
    @ServerExceptionMapper({ jakarta.persistence.OptimisticLockException.class,
            org.hibernate.StaleStateException.class })
    public Response concurrentChange(RuntimeException e, UriInfo uri) {
        return respond(new Problem(ProblemTypes.CONFLICT, "Conflict", 409,
                "Someone changed this at the same moment, and their change was kept. Read it again, then retry "
                        + "yours if it still applies.",
                path(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response internal(Throwable e, UriInfo uri) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unhandled error, incident %s", incident);
        return respond(new Problem(ProblemTypes.INTERNAL, "Internal error", 500,
                "The service failed to handle this request. Quote incident " + incident + " when you report it.",
                path(uri), List.of()));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    /** The JSON path of the field Jackson failed on, such as {@code price.tiers[1].upTo}. */
    static String fieldPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining())
                .replaceFirst("^\\.", "");
    }
}
