package io.meterline.billing.runs;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a backtest found: per client, the period's revenue, cost and margin now and under the candidate. */
@Schema(name = "Backtest")
public record BacktestResult(UUID id, UUID pricePlan, String planName,
        @Schema(description = "draft, or version N", examples = "draft") String candidate,
        @Schema(examples = "2026-10") String period, Instant createdAt, String requestedBy,
        List<ClientResult> clients) {

    @Schema(name = "BacktestClient")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ClientResult(UUID client, String clientExternalId, String currency, Instant periodStart,
            Instant periodEnd,
            @Schema(type = SchemaType.STRING, examples = "100.00") BigDecimal currentRevenue,
            @Schema(type = SchemaType.STRING, examples = "80.00") BigDecimal candidateRevenue,
            @Schema(type = SchemaType.STRING, examples = "-20.00") BigDecimal revenueDelta,
            @Schema(type = SchemaType.STRING, examples = "50.00") BigDecimal currentCost,
            @Schema(type = SchemaType.STRING, examples = "50.00") BigDecimal candidateCost,
            @Schema(type = SchemaType.STRING, examples = "50.00") BigDecimal currentMargin,
            @Schema(type = SchemaType.STRING, examples = "30.00") BigDecimal candidateMargin,
            @Schema(type = SchemaType.STRING, examples = "-20.00") BigDecimal marginDelta,
            @Schema(description = "Why the client could not be re-rated.") String error) {
    }
}
