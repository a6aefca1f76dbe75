package io.meterline.metering.usage;

import static io.meterline.metering.Metering.awaitStored;
import static io.meterline.metering.Metering.map;
import static io.meterline.metering.Metering.meter;
import static io.meterline.metering.Metering.send;
import static io.meterline.metering.Metering.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.meterline.metering.MeteringTest;
import io.meterline.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * For every aggregation, random events across hour, day and month boundaries, queried over random windows (whole
 * hours, from the rollups, and arbitrary instants, from the raw events) at every granularity and grouping: the answer
 * must equal a naive computation over the events sent.
 */
@QuarkusTest
@MeteringTest
class AggregationSemanticsTest {

    record Sent(String id, String customer, String model, String user, Instant time, BigDecimal value) {
    }

    private static final String[] AGGREGATIONS = { "SUM", "COUNT", "MAX", "MIN", "AVG", "UNIQUE_COUNT", "LATEST" };

    @Test
    void everyAggregationMatchesANaiveComputationOverAnyWindow() {
        Random random = new Random(20261123L);
        Instant end = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS);
        Instant start = end.minus(33, ChronoUnit.DAYS); // always spans a month boundary
        String run = unique("agg");
        for (String aggregation : AGGREGATIONS) {
            String meter = meter(aggregation, aggregation.equals("UNIQUE_COUNT") ? "user" : null, "model", "user");
            // Ids are unique per customer across meters: an event id identifies one event of its customer.
            List<Sent> sent = new ArrayList<>();
            String[] customers = { run + "-a", run + "-b" };
            for (int i = 0; i < 400; i++) {
                long second = (long) (random.nextDouble() * (end.getEpochSecond() - start.getEpochSecond()));
                sent.add(new Sent(String.format("%s-%05d", aggregation, i), customers[random.nextInt(2)],
                        random.nextBoolean() ? "gpt-4o" : "llama", "u" + random.nextInt(25),
                        start.plusSeconds(second), BigDecimal.valueOf(random.nextInt(100_000), random.nextInt(4))));
            }
            for (int from = 0; from < sent.size(); from += 200) {
                List<Map<String, Object>> batch = new ArrayList<>();
                for (Sent s : sent.subList(from, from + 200)) {
                    batch.add(map("id", s.id(), "meter", meter, "customer", s.customer(), "timestamp", s.time().toString(),
                            "value", s.value().toPlainString(), "dimensions", Map.of("model", s.model(), "user", s.user())));
                }
                send(TestTokens.admin(), batch).statusCode(202).body("rejected", org.hamcrest.Matchers.hasSize(0));
            }
            for (String customer : customers) {
                awaitStored("c:" + customer, meter, sent.stream().filter(s -> s.customer().equals(customer)).count());
            }
            for (int w = 0; w < 12; w++) {
                Instant from = start.plusSeconds((long) (random.nextDouble() * 20 * 86400));
                Instant to = from.plusSeconds(3600 + (long) (random.nextDouble() * 14 * 86400));
                if (w % 2 == 0) { // whole hours: served from the rollups
                    from = from.truncatedTo(ChronoUnit.HOURS);
                    to = to.truncatedTo(ChronoUnit.HOURS);
                }
                String granularity = new String[] { null, "HOUR", "DAY", "MONTH" }[w % 4];
                List<String> groupBy = w % 3 == 0 ? List.of() : w % 3 == 1 ? List.of("customer") : List.of("customer", "model");
                check(meter, aggregation, sent, from, to, granularity, groupBy);
            }
        }
    }

    private static void check(String meter, String aggregation, List<Sent> sent, Instant from, Instant to,
            String granularity, List<String> groupBy) {
        Map<String, Object> query = map("meter", meter, "from", from.toString(), "to", to.toString(), "groupBy", groupBy);
        if (granularity != null) {
            query.put("granularity", granularity);
        }
        JsonPath answer = given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body(query)
                .when().post("/api/v1/usage/query").then().statusCode(200).extract().jsonPath();
        Map<String, BigDecimal> actual = new TreeMap<>();
        for (Map<String, Object> row : answer.<Map<String, Object>>getList("rows")) {
            @SuppressWarnings("unchecked")
            Map<String, String> dims = (Map<String, String>) row.get("dimensions");
            String key = row.get("windowStart") + "|" + row.get("customer") + "|" + (dims == null ? null : dims.get("model"));
            actual.put(key, new BigDecimal((String) row.get("value")));
        }
        Map<String, List<Sent>> groups = sent.stream()
                .filter(s -> !s.time().isBefore(from) && s.time().isBefore(to))
                .collect(Collectors.groupingBy(s -> windowStart(s.time(), from, granularity) + "|"
                        + (groupBy.contains("customer") ? s.customer() : null) + "|"
                        + (groupBy.contains("model") ? s.model() : null)));
        Map<String, BigDecimal> expected = new TreeMap<>();
        groups.forEach((key, events) -> expected.put(key, naive(aggregation, events)));
        assertThat(actual.keySet()).as("%s groups over [%s, %s) by %s %s", aggregation, from, to, granularity, groupBy)
                .isEqualTo(expected.keySet());
        expected.forEach((key, value) -> assertThat(actual.get(key))
                .as("%s of %s over [%s, %s) by %s", aggregation, key, from, to, granularity)
                .isEqualByComparingTo(value));
    }

    private static String windowStart(Instant time, Instant from, String granularity) {
        if (granularity == null) {
            return from.toString();
        }
        Instant start = switch (granularity) {
            case "HOUR" -> time.truncatedTo(ChronoUnit.HOURS);
            case "DAY" -> time.truncatedTo(ChronoUnit.DAYS);
            default -> time.atOffset(ZoneOffset.UTC).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).toInstant();
        };
        return (start.isBefore(from) ? from : start).toString();
    }

    private static BigDecimal naive(String aggregation, List<Sent> events) {
        return switch (aggregation) {
            case "SUM" -> events.stream().map(Sent::value).reduce(BigDecimal.ZERO, BigDecimal::add);
            case "COUNT" -> BigDecimal.valueOf(events.size());
            case "MAX" -> events.stream().map(Sent::value).max(Comparator.naturalOrder()).orElseThrow();
            case "MIN" -> events.stream().map(Sent::value).min(Comparator.naturalOrder()).orElseThrow();
            case "AVG" -> events.stream().map(Sent::value).reduce(BigDecimal.ZERO, BigDecimal::add)
                    .divide(BigDecimal.valueOf(events.size()), 9, RoundingMode.HALF_UP);
            case "UNIQUE_COUNT" -> BigDecimal.valueOf(events.stream().map(Sent::user).distinct().count());
            default -> events.stream().max(Comparator.comparing(Sent::time).thenComparing(Sent::id)).orElseThrow().value();
        };
    }

    @Test
    void badQueriesAre400() {
        String meter = meter("SUM", null, "model");
        Object[][] cases = {
                { map("from", "2026-11-01T00:00:00Z", "to", "2026-11-02T00:00:00Z"), "meter" },
                { map("meter", meter, "from", "2026-11-02T00:00:00Z", "to", "2026-11-01T00:00:00Z"), "to" },
                { map("meter", meter, "from", "2026-11-01T00:00:00Z", "to", "2026-11-02T00:00:00Z", "granularity", "WEEK"), "granularity" },
                { map("meter", meter, "from", "2026-11-01T00:00:00Z", "to", "2026-11-02T00:00:00Z", "groupBy", List.of("colour")), "groupBy[0]" },
                { map("meter", meter, "from", "2026-11-01T00:00:00Z", "to", "2026-11-02T00:00:00Z", "filters", Map.of("colour", "red")), "filters.colour" },
                { map("meter", meter, "from", "2025-01-01T00:00:00Z", "to", "2026-11-02T00:00:00Z", "granularity", "HOUR"), "granularity" } };
        for (Object[] c : cases) {
            given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body(c[0])
                    .when().post("/api/v1/usage/query").then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", org.hamcrest.Matchers.hasItem(c[1]));
        }
        given().contentType(ContentType.JSON).body(cases[0][0]).when().post("/api/v1/usage/query").then().statusCode(401);
    }

    @Test
    void filtersNarrowTheUsage() {
        String meter = meter("SUM", null, "model");
        String customer = unique("filter");
        String at = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS).toString();
        send(List.of(map("id", "1", "meter", meter, "customer", customer, "timestamp", at, "value", "5",
                        "dimensions", Map.of("model", "a")),
                map("id", "2", "meter", meter, "customer", customer, "timestamp", at, "value", "7",
                        "dimensions", Map.of("model", "b")))).statusCode(202);
        awaitStored("c:" + customer, 2);
        Map<String, Object> query = map("meter", meter, "customer", customer, "from", "2026-01-01T00:00:00Z",
                "to", Instant.now().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS).toString(),
                "filters", Map.of("model", List.of("b")));
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body(query)
                .when().post("/api/v1/usage/query").then().statusCode(200)
                .body("rows.value", org.hamcrest.Matchers.contains("7"));
    }
}
