package io.meterline.platform.problem;

import java.time.Duration;
import java.util.List;

/**
 * A domain failure that the caller can act on. Services throw its subclasses; one mapper turns them into problem+json.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final Duration retryAfter;

    public ProblemException(int status, String type, String title, String detail, List<Problem.FieldError> errors) {
        this(status, type, title, detail, errors, null);
    }

    private ProblemException(int status, String type, String title, String detail, List<Problem.FieldError> errors,
            Duration retryAfter) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    /** 503 with Retry-After: a dependency is down; the same request may be sent again after the pause. */
    public static ProblemException unavailable(String detail, Duration retryAfter) {
        return new ProblemException(503, ProblemTypes.UNAVAILABLE, "Service unavailable", detail, List.of(),
                retryAfter);
    }

    /** 429 with Retry-After: the caller sends faster than its limit allows. */
    public static ProblemException tooManyRequests(String detail, Duration retryAfter) {
        return new ProblemException(429, ProblemTypes.RATE_LIMITED, "Too many requests", detail, List.of(),
                retryAfter);
    }

    /** 400: the request is well-formed JSON but its content is invalid. */
    public static ProblemException invalid(String detail, List<Problem.FieldError> errors) {
        return new ProblemException(400, ProblemTypes.VALIDATION, "Invalid request", detail, errors);
    }

    /** 400 listing every invalid field of {@code subject} (such as "The unit type"); the detail names the first. */
    public static ProblemException invalidFields(String subject, List<Problem.FieldError> errors) {
        Problem.FieldError first = errors.get(0);
        String more = errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "";
        return invalid(subject + " is invalid: " + first.field() + " " + first.message() + more + ".", errors);
    }

    /** 400 about one field. */
    public static ProblemException invalidField(String field, String message) {
        return invalid(field + ": " + message, List.of(new Problem.FieldError(field, message)));
    }

    /** 404: the named resource does not exist, or the caller may not see it. */
    public static ProblemException notFound(String detail) {
        return new ProblemException(404, ProblemTypes.NOT_FOUND, "Not found", detail, List.of());
    }

    /** 409: the request conflicts with the current state. */
    public static ProblemException conflict(String detail) {
        return new ProblemException(409, ProblemTypes.CONFLICT, "Conflict", detail, List.of());
    }

    /** 502 or 504: a service this one relays to could not be reached (502) or did not answer in time (504). */
    public static ProblemException upstream(int status, String detail) {
        return new ProblemException(status, ProblemTypes.UPSTREAM, status == 504 ? "Gateway timeout" : "Bad gateway",
                detail, List.of());
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    /** When the caller may try again (the Retry-After header), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
