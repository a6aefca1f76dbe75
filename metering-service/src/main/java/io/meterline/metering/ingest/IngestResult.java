package io.meterline.metering.ingest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What became of a batch: accepted events are on Kafka; rejected ones are listed; suppressed ones were dropped. */
@Schema(name = "IngestResult")
public record IngestResult(@Schema(examples = "998") int accepted, List<IngestRejection> rejected,
        @Schema(description = "Events dropped by an ingest suppression rule", examples = "0") int suppressed) {
}
