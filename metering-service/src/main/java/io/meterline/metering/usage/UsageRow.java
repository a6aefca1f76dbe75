package io.meterline.metering.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One window of one group, with the meter's aggregation applied exactly. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "UsageRow")
public record UsageRow(Instant windowStart, Instant windowEnd, String customer, String asset,
        Map<String, String> dimensions, @Schema(type = SchemaType.STRING, examples = "1250") BigDecimal value) {
}
