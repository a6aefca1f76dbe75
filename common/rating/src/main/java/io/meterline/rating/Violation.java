package io.meterline.rating;

/** One reason an input cannot be rated: the field, as a JSON path, and what is wrong with it. */
public record Violation(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
