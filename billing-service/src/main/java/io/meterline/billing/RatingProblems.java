package io.meterline.billing;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.meterline.platform.problem.Problem;
import io.meterline.platform.problem.ProblemMapper;
import io.meterline.rating.InvalidRatingInputException;

/**
 * The rating engine's refusals, as a 400 naming each field: the invoice preview and the backtests rate plans at
 * request time. Here, not in the platform, which knows no rating engine.
 */
public class RatingProblems {

    @ServerExceptionMapper
    public Response invalidRating(InvalidRatingInputException e, UriInfo uri) {
        return ProblemMapper.invalidFields(e.getMessage(), e.violations().stream()
                .map(v -> new Problem.FieldError(v.field(), v.message())).toList(), uri);
    }
}
