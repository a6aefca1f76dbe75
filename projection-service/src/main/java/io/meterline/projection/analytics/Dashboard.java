package io.meterline.projection.analytics;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The dashboard's figures. Amounts are decimal strings, per currency (never converted). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Dashboard")
public record Dashboard(
        @Schema(description = "What the open periods are projected to invoice.") List<Amount> projectedRevenue,
        @Schema(description = "This month's revenue (projected where open) against last month's, by period start.")
        List<MonthOverMonth> monthOverMonth,
        @Schema(description = "This period's top clients by projected revenue, with their share.")
        List<TopClient> topClients,
        @Schema(description = "Revenue by source type in each client's last closed period.")
        List<SourceRevenue> revenueBySourceType,
        @Schema(description = "Last closed period's revenue per client, on average.")
        List<Amount> averageRevenuePerClient,
        @Schema(description = "Clients by status in their last closed period: OVER, UNDER, MIXED, ON_COMMIT.")
        Map<String, Integer> clientStatus,
        @Schema(description = "Clients projected over a commit they were under last period.")
        List<NewOverage> newOverages,
        Health health) {

    @Schema(name = "DashboardAmount")
    public record Amount(String currency, String amount) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "MonthOverMonth")
    public record MonthOverMonth(String currency, String thisMonth, String lastMonth,
            @Schema(description = "Change in %, absent when last month had none.") String changePercent) {
    }

    @Schema(name = "TopClient")
    public record TopClient(UUID client, String externalId, String currency, String projectedRevenue,
            @Schema(description = "Share of the currency's projected revenue, %.") String share) {
    }

    @Schema(name = "SourceRevenue")
    public record SourceRevenue(String sourceType, String currency, String revenue) {
    }

    @Schema(name = "NewOverage")
    public record NewOverage(UUID client, String externalId, UUID bucket, String percentOfCommit) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "DashboardHealth")
    public record Health(@Schema(description = "When the last projection pass finished.") Instant lastProjection,
            @Schema(description = "Clients the last pass recomputed.") Integer lastProjectionClients,
            @Schema(description = "The last hourly reconciliation score.") String reconciliationScore) {
    }
}
