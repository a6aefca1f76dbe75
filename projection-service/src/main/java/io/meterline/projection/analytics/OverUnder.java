package io.meterline.projection.analytics;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The over/under-commit screen's figures (seed 004). Amounts are decimal strings in each row's currency. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "OverUnder")
public record OverUnder(
        @Schema(description = "Each client's status in its last closed period, filtered as asked.")
        List<ClientStatus> clients,
        @Schema(description = "Overage $ against buffer $ per month of period start, the last 12.") List<Trend> trend,
        @Schema(description = "The top under-commit clients by buffer $.") List<RightSize> rightSize,
        @Schema(description = "The buffer of every client's last period, per currency.") List<Amount> totalBuffer,
        @Schema(description = "Per unit type: units above (or below) the commits, overage $ and buffer $.")
        List<UnitTypeRow> byUnitType) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "OverUnderClient")
    public record ClientStatus(UUID client, String externalId,
            @Schema(enumeration = { "OVER", "UNDER", "MIXED", "ON_COMMIT" }) String status, Instant periodStart,
            String currency, @Schema(description = "What its buckets billed.") String finalCost,
            @Schema(description = "What its commits cost (the base).") String committed,
            @Schema(description = "Usage ÷ commit × 100, when all its buckets count one unit type.")
            String usageVsCommitPercent, String overage, String buffer) {
    }

    @Schema(name = "OverUnderTrend")
    public record Trend(@Schema(examples = "2026-10") String month, String currency, String overage, String buffer) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "RightSizeCandidate")
    public record RightSize(UUID client, String externalId, String currency, List<String> unitTypes,
            String committed, String buffer, @Schema(description = "Unused units, summed over its buckets.")
            String bufferUnits, @Schema(description = "buffer ÷ committed × 100") String percentUnused) {
    }

    @Schema(name = "OverUnderAmount")
    public record Amount(String currency, String amount) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "OverUnderUnitType")
    public record UnitTypeRow(UUID unitType, String name, String currency,
            @Schema(description = "Σ usage − Σ commit") String deltaUnits, String overage, String buffer) {
    }
}
