package io.meterline.billing.readings;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.meterline.billing.buckets.Bucket;
import io.meterline.billing.catalog.UnitType;
import io.meterline.billing.clients.Client;
import io.meterline.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The billing readings CSV for one month and one billing type (unit type): for each client, the reading of its
 * period that starts in that month in the client's own time zone. Streamed a page of readings at a time.
 */
@ApplicationScoped
public class ReadingExport {

    static final List<String> COLUMNS = List.of("client", "externalId", "periodStart", "periodEnd", "bucket",
            "sourceType", "unitType", "usage", "commitUnits", "overageUnits", "overageAmount", "bufferUnits",
            "bufferAmount", "billedAmount", "meteredCost", "currency");
    static final int PAGE = 1000;

    /** Checks the request and names the unit type (for the file name); a 400 names a bad field. */
    public Uni<UnitType> unitType(String period, String unitType) {
        month(period);
        if (unitType == null || unitType.isBlank()) {
            throw ProblemException.invalidField("unitType", "is required: the billing type to export, by id or name");
        }
        return Panache.withSession(() -> UnitType.byIdOrName(unitType)).map(found -> {
            if (found == null) {
                throw ProblemException.invalidField("unitType", "no unit type " + unitType);
            }
            return found;
        });
    }

    public Multi<String> csv(String period, UnitType unitType) {
        YearMonth month = month(period);
        // Every zone's local month lies within these bounds; the client's own zone decides below.
        Instant from = month.atDay(1).atStartOfDay(ZoneId.of("UTC")).toInstant().minusSeconds(15 * 3600);
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(ZoneId.of("UTC")).toInstant().plusSeconds(15 * 3600);
        AtomicInteger page = new AtomicInteger();
        Multi<String> rows = Multi.createBy().repeating()
                .uni(() -> rows(unitType, month, from, to, page.getAndIncrement()))
                .whilst(Page::more).map(Page::csv).filter(csv -> !csv.isEmpty());
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(Csv.row(COLUMNS)), rows);
    }

    /** A page of readings as CSV rows: it may hold none of the month's (other zones' months) and yet more follow. */
    private record Page(boolean more, String csv) {
    }

    private Uni<Page> rows(UnitType unitType, YearMonth month, Instant from, Instant to, int page) {
        return Panache.withSession(() -> BillingReading.<BillingReading> find(
                "unitTypeId = ?1 and periodStart >= ?2 and periodStart < ?3", Sort.by("periodStart").and("id"),
                unitType.id, from, to).page(page, PAGE).list().chain(readings -> {
                    if (readings.isEmpty()) {
                        return Uni.createFrom().item(new Page(false, ""));
                    }
                    List<UUID> clientIds = readings.stream().map(r -> r.clientId).distinct().toList();
                    List<UUID> bucketIds = readings.stream().map(r -> r.bucketId).distinct().toList();
                    return Client.<Client> list("id in ?1", clientIds).chain(clients -> Bucket.<Bucket> list(
                            "id in ?1", bucketIds).map(buckets -> new Page(true, format(readings, month, unitType,
                                    clients.stream().collect(Collectors.toMap(c -> c.id, Function.identity())),
                                    buckets.stream().collect(Collectors.toMap(b -> b.id, Function.identity()))))));
                }));
    }

    private static String format(List<BillingReading> readings, YearMonth month, UnitType unitType,
            Map<UUID, Client> clients, Map<UUID, Bucket> buckets) {
        StringBuilder out = new StringBuilder();
        for (BillingReading r : readings) {
            Client client = clients.get(r.clientId);
            if (!YearMonth.from(r.periodStart.atZone(ZoneId.of(client.timeZone))).equals(month)) {
                continue;
            }
            Bucket bucket = buckets.get(r.bucketId);
            out.append(Csv.row(new ArrayList<>(List.of(Csv.text(client.name), Csv.text(client.externalId),
                    r.periodStart.toString(), r.periodEnd.toString(), Csv.text(bucket == null ? null : bucket.name),
                    Csv.text(r.sourceType), Csv.text(unitType.name), Csv.number(r.usage), Csv.number(r.commitUnits),
                    Csv.number(r.overageUnits), Csv.number(r.overageAmount), Csv.number(r.bufferUnits),
                    Csv.number(r.bufferAmount), Csv.number(r.billedAmount), Csv.number(r.cost),
                    Csv.text(r.currency)))));
        }
        return out.toString();
    }

    private static YearMonth month(String period) {
        try {
            return YearMonth.parse(period == null ? "" : period);
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.invalidField("period", "is required, as YYYY-MM such as 2026-11");
        }
    }
}
