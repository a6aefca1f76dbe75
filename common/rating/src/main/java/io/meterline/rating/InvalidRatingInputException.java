package io.meterline.rating;

import java.util.List;
import java.util.stream.Collectors;

/** A price, discount or quantity that cannot be rated. Lists every violation found, not just the first. */
public final class InvalidRatingInputException extends IllegalArgumentException {

    private final List<Violation> violations;

    public InvalidRatingInputException(List<Violation> violations) {
        super(violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
