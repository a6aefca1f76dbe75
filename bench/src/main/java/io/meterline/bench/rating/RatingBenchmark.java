package io.meterline.bench.rating;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import io.meterline.rating.DimensionRule;
import io.meterline.rating.DimensionalPrice;
import io.meterline.rating.Discount;
import io.meterline.rating.Price;
import io.meterline.rating.PriceModel;
import io.meterline.rating.Rating;
import io.meterline.rating.RatingCurrency;
import io.meterline.rating.RatingEngine;
import io.meterline.rating.RatingRequest;
import io.meterline.rating.Tier;

/** Ratings per second, single-threaded (so per core), for each model; the baseline is one bare multiply and round. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RatingBenchmark {

    private final RatingCurrency usd = RatingCurrency.of("USD");
    private final BigDecimal quantity = new BigDecimal("123456.789");
    private final BigDecimal unitPrice = new BigDecimal("0.0004");

    private final RatingRequest flat = request(Price.of(new PriceModel.Flat(new BigDecimal("99.00"))), List.of());
    private final RatingRequest perUnit = request(Price.of(new PriceModel.PerUnit(unitPrice)), List.of());
    private final RatingRequest packaged = request(Price.of(new PriceModel.Package(new BigDecimal("1000"),
            new BigDecimal("2.50"))), List.of());
    private final RatingRequest graduated3 = request(Price.of(new PriceModel.Graduated(tiers(3))), List.of());
    private final RatingRequest volume3 = request(Price.of(new PriceModel.Volume(tiers(3))), List.of());
    private final RatingRequest commit = request(Price.of(new PriceModel.Commit(new BigDecimal("100000"),
            new BigDecimal("500.00"), new BigDecimal("0.01"))), List.of());
    private final RatingRequest perUnitWithDiscounts = request(Price.of(new PriceModel.PerUnit(unitPrice))
            .withMinimum("10").withMaximum("100000"), List.of(Discount.percent("10"), Discount.amount("5")));

    private final DimensionalPrice byModel = dimensionalPrice();
    private final Map<String, String> dimensions = Map.of("model", "model-7", "provider", "azure", "region", "eu");

    @Benchmark
    public BigDecimal baselineMultiplyAndRound() {
        return quantity.multiply(unitPrice).setScale(2, RoundingMode.HALF_UP);
    }

    @Benchmark
    public Rating flat() {
        return RatingEngine.rate(flat);
    }

    @Benchmark
    public Rating perUnit() {
        return RatingEngine.rate(perUnit);
    }

    @Benchmark
    public Rating perUnitWithLimitsAndDiscounts() {
        return RatingEngine.rate(perUnitWithDiscounts);
    }

    @Benchmark
    public Rating packaged() {
        return RatingEngine.rate(packaged);
    }

    @Benchmark
    public Rating graduated3Tiers() {
        return RatingEngine.rate(graduated3);
    }

    @Benchmark
    public Rating volume3Tiers() {
        return RatingEngine.rate(volume3);
    }

    @Benchmark
    public Rating commit() {
        return RatingEngine.rate(commit);
    }

    /** The heavy case: pick the price among 10 dimension rules, then rate 10 graduated tiers. */
    @Benchmark
    public Rating graduated10TiersByDimension() {
        Price price = byModel.select(dimensions).orElseThrow().price();
        return RatingEngine.rate(new RatingRequest(usd, quantity, price, List.of(), BigDecimal.ONE, Instant.EPOCH));
    }

    private RatingRequest request(Price price, List<Discount> discounts) {
        return new RatingRequest(usd, quantity, price, discounts, BigDecimal.ONE, Instant.EPOCH);
    }

    private static List<Tier> tiers(int count) {
        List<Tier> tiers = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            tiers.add(new Tier(BigDecimal.valueOf(20_000L * i), BigDecimal.valueOf(1000 - 90L * i, 6),
                    i == 1 ? new BigDecimal("5") : null));
        }
        tiers.add(new Tier(null, new BigDecimal("0.0001"), null));
        return tiers;
    }

    private static DimensionalPrice dimensionalPrice() {
        List<DimensionRule> rules = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rules.add(new DimensionRule(i % 2 == 0 ? Map.of("model", "model-" + i)
                    : Map.of("model", "model-" + i, "provider", "azure"),
                    Price.of(new PriceModel.Graduated(tiers(10)))));
        }
        return new DimensionalPrice(rules, Price.of(new PriceModel.PerUnit(new BigDecimal("0.001"))));
    }
}
