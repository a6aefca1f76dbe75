package io.meterline.metering.ingest;

import java.util.List;

import io.meterline.platform.problem.Problem;
import io.meterline.platform.problem.ProblemException;
import io.meterline.platform.problem.ProblemTypes;

/**
 * CloudEvents are taken whole, as OpenMeter takes them: one invalid event refuses the request. The problem lists
 * every event's reason, and its detail carries the first few, since an SDK's error shows the detail alone.
 */
final class CloudEventsRefusal {

    private static final int IN_DETAIL = 3;

    private CloudEventsRefusal() {
    }

    static ProblemException of(List<IngestRejection> rejected, int batchSize) {
        List<Problem.FieldError> errors = rejected.stream()
                .map(r -> new Problem.FieldError("[" + r.index() + "]", describe(r))).toList();
        StringBuilder detail = new StringBuilder();
        detail.append(rejected.size()).append(" of ").append(batchSize)
                .append(batchSize == 1 ? " CloudEvent " : " CloudEvents ")
                .append(rejected.size() == 1 ? "is" : "are").append(" invalid, so none was stored.");
        rejected.stream().limit(IN_DETAIL).forEach(r -> detail.append(" [").append(r.index()).append("] ")
                .append(describe(r)));
        if (rejected.size() > IN_DETAIL) {
            detail.append(" And ").append(rejected.size() - IN_DETAIL).append(" more, listed in errors.");
        }
        return new ProblemException(400, ProblemTypes.VALIDATION, "Invalid events", detail.toString(), errors);
    }

    private static String describe(IngestRejection r) {
        return (r.id() == null ? "" : r.id() + ": ") + r.code() + ": " + r.reason();
    }
}
