package io.meterline.projection.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The reconciliation score of closed periods: for each client, period and meter, metering's stored total, this
 * service's real-time total and the usage billing billed. The score is the share of those that agree exactly.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Reconciliation")
public record Reconciliation(
        @Schema(description = "Client periods compared.") int periods,
        @Schema(description = "Client, period and meter triples compared.") int compared,
        @Schema(description = "How many agree exactly on all three.") int agreeing,
        @Schema(description = "agreeing ÷ compared, four decimals; 1 when nothing was compared.", examples = "0.9975")
        String score, Instant computedAt,
        @Schema(description = "The ones that do not agree (at most 500).") List<Disagreement> disagreements) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ReconciliationDisagreement")
    public record Disagreement(UUID client, String externalId, String meter, Instant periodStart,
            Instant periodEnd, @Schema(description = "metering's stored total") BigDecimal metered,
            @Schema(description = "this service's real-time total") BigDecimal realTime,
            @Schema(description = "what billing billed") BigDecimal billed) {
    }
}
