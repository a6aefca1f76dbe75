package io.meterline.platform.paging;

import io.meterline.platform.problem.ProblemException;

/** A validated page request: page from 0, size from 1 to 500. */
public record PageRequest(int page, int size) {

    public static final int MAX_SIZE = 500;

    public static PageRequest of(Integer page, Integer size) {
        return of(page, size, MAX_SIZE);
    }

    /** For bulk reads between services, whose pages may be larger than a screen's. */
    public static PageRequest of(Integer page, Integer size, int maxSize) {
        int p = page == null ? 0 : page;
        int s = size == null ? 50 : size;
        if (p < 0) {
            throw ProblemException.invalidField("page", "must be 0 or more");
        }
        if (s < 1 || s > maxSize) {
            throw ProblemException.invalidField("size", "must be between 1 and " + maxSize);
        }
        return new PageRequest(p, s);
    }

    public long offset() {
        return (long) page * size;
    }
}
