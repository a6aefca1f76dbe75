package io.meterline.localstack.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What is metered and what it costs: the meters in metering; in pricing, per currency, the unit types (bucket
 * templates, one of them auto-provisioned), an AI platform price plan priced by model and a cost-rate plan, and a
 * few discounts. Plans take effect a month before the first client starts, so every period has a version.
 */
final class Catalog {

    static final String VCPU = "vcpu_hours";
    static final String STORAGE = "storage_gb_days";
    static final String GPU = "gpu_hours";
    static final String TOKENS = "llm_tokens";
    static final String API_CALLS = "api_calls";
    static final List<String> METERS = List.of(VCPU, STORAGE, GPU, TOKENS, API_CALLS);

    private final DemoApi api;
    private final DemoData.Stack stack;
    private final DemoCalendar calendar;
    private final PrintStream out;

    Catalog(DemoApi api, DemoData.Stack stack, DemoCalendar calendar, PrintStream out) {
        this.api = api;
        this.stack = stack;
        this.calendar = calendar;
        this.out = out;
    }

    /** The unit type of a kind ({@code vcpu-hour}, {@code storage-gb-day}, {@code gpu-hour}) in a currency. */
    static String unitType(String kind, String currency) {
        return kind + "-" + currency.toLowerCase(Locale.ROOT);
    }

    /** Creates everything; answers each currency's price plan id, which subscriptions name. */
    Map<String, String> create() {
        meters();
        List<String> unitTypes = new ArrayList<>();
        for (PriceBook book : PriceBook.ALL) {
            unitTypes.addAll(unitTypes(book));
        }
        Map<String, String> plans = new LinkedHashMap<>();
        for (PriceBook book : PriceBook.ALL) {
            plans.put(book.currency(), pricePlan(book));
            costRatePlan(book);
        }
        discounts(plans);
        awaitUnitTypesInBilling(unitTypes);
        out.printf("  catalog: %d meters, %d unit types, %d price plans, %d cost-rate plans, 3 discounts%n",
                METERS.size(), unitTypes.size(), plans.size(), PriceBook.ALL.size());
        return plans;
    }

    private void meters() {
        meter(VCPU, "vCPU hours", "vCPU-hours", List.of("region"));
        meter(STORAGE, "Object storage", "GB-days", List.of("region", "tier"));
        meter(GPU, "GPU hours", "GPU-hours", List.of("gpu"));
        meter(TOKENS, "LLM tokens", "tokens", List.of("model", "provider"));
        meter(API_CALLS, "API calls", "calls", List.of());
    }

    private void meter(String apiName, String displayName, String unit, List<String> dimensions) {
        api.post(stack.meteringUrl() + "/api/v1/meters", Map.of("apiName", apiName, "displayName", displayName,
                "unit", unit, "aggregation", "SUM", "dimensions", dimensions), 201);
    }

    private List<String> unitTypes(PriceBook book) {
        String currency = book.currency();
        String vcpu = unitType("vcpu-hour", currency);
        String storage = unitType("storage-gb-day", currency);
        String gpu = unitType("gpu-hour", currency);
        api.post(stack.pricingUrl() + "/api/v1/unit-types", Map.of("name", vcpu, "description",
                "One vCPU for one hour on a client's Kubernetes nodes", "meter", VCPU, "aggregation", "SUM",
                "currency", currency, "commitUnits", "10000", "basePrice", book.vcpuBase(), "overageRate",
                book.vcpuOverage()), 201);
        api.post(stack.pricingUrl() + "/api/v1/unit-types", Map.of("name", storage, "description",
                "One GB of object storage kept for one day", "meter", STORAGE, "aggregation", "SUM", "currency",
                currency, "commitUnits", "30000", "basePrice", book.storageBase(), "overageRate",
                book.storageOverage()), 201);
        // GPU nodes appear without anyone ordering a bucket: the template provisions one for their client.
        Map<String, Object> gpuType = new LinkedHashMap<>();
        gpuType.put("name", gpu);
        gpuType.put("description", "One GPU for one hour; buckets made automatically for clients' GPU nodes");
        gpuType.put("meter", GPU);
        gpuType.put("aggregation", "SUM");
        gpuType.put("autoProvision", true);
        gpuType.put("currency", currency);
        gpuType.put("commitUnits", "400");
        gpuType.put("basePrice", book.gpuBase());
        gpuType.put("overageRate", book.gpuOverage());
        gpuType.put("filterOn", "SOURCE");
        gpuType.put("filterPattern", "gpu-*");
        api.post(stack.pricingUrl() + "/api/v1/unit-types", gpuType, 201);
        return List.of(vcpu, storage, gpu);
    }

    private String pricePlan(PriceBook book) {
        String url = stack.pricingUrl() + "/api/v1/price-plans";
        String id = api.post(url, pricePlanRequest(book, book.tokens()), 201).get("id").asText();
        api.post(url + "/" + id + "/publish", Map.of("effectiveFrom", calendar.monthStart(DemoCalendar.MONTHS + 1)
                .toString()), 201);
        if (book.currency().equals("USD")) {
            // A second version for the last months, so the plan has a history and invoices cross a price change.
            api.put(url + "/" + id, pricePlanRequest(book, PriceBook.USD_TOKENS_V2), 200);
            api.post(url + "/" + id + "/publish", Map.of("effectiveFrom", calendar.monthStart(4).toString()), 201);
        }
        return id;
    }

    private static Map<String, Object> pricePlanRequest(PriceBook book, List<String> tokenPrices) {
        List<String> tiers = book.apiTiers();
        Map<String, Object> apiPrice = Map.of("model", "GRADUATED", "tiers", List.of(
                Map.of("upTo", "250000", "unitPrice", tiers.get(0)),
                Map.of("upTo", "2000000", "unitPrice", tiers.get(1)),
                Map.of("unitPrice", tiers.get(2))), "minimum", tiers.get(3));
        return Map.of("name", "AI platform (" + book.currency() + ")", "description",
                "LLM tokens priced by model, API calls in graduated tiers with a monthly minimum",
                "currency", book.currency(), "charges", List.of(
                        tokensCharge("LLM tokens, priced by model", tokenPrices),
                        Map.of("key", "api", "meter", API_CALLS, "description", "API calls", "price", apiPrice)));
    }

    private void costRatePlan(PriceBook book) {
        List<String> costs = book.costs();
        String url = stack.pricingUrl() + "/api/v1/cost-rates";
        String id = api.post(url, Map.of("name", "Provider and infrastructure costs (" + book.currency() + ")",
                "description", "What serving the usage costs us: model providers' token prices and our own "
                        + "infrastructure",
                "currency", book.currency(), "charges", List.of(
                        tokensCharge("Model providers' token prices", book.tokenCosts()),
                        perUnit("api", API_CALLS, "Gateway and database per call", costs.get(0)),
                        perUnit("vcpu", VCPU, "Compute per vCPU-hour", costs.get(1)),
                        perUnit("storage", STORAGE, "Storage per GB-day", costs.get(2)),
                        perUnit("gpu", GPU, "GPU capacity per GPU-hour", costs.get(3)))), 201).get("id").asText();
        api.post(url + "/" + id + "/publish", Map.of("effectiveFrom", calendar.monthStart(DemoCalendar.MONTHS + 1)
                .toString()), 201);
    }

    /** A tokens charge: a price per model, and a default for any other model. */
    private static Map<String, Object> tokensCharge(String description, List<String> prices) {
        List<Map<String, Object>> byModel = new ArrayList<>();
        for (int m = 0; m < PriceBook.MODELS.size(); m++) {
            byModel.add(Map.of("match", Map.of("model", PriceBook.MODELS.get(m)), "price",
                    Map.of("model", "PER_UNIT", "unitPrice", prices.get(m))));
        }
        return Map.of("key", "tokens", "meter", TOKENS, "description", description, "price",
                Map.of("model", "PER_UNIT", "unitPrice", prices.get(PriceBook.MODELS.size())), "dimensionPrices",
                byModel);
    }

    private static Map<String, Object> perUnit(String key, String meter, String description, String unitPrice) {
        return Map.of("key", key, "meter", meter, "description", description, "price",
                Map.of("model", "PER_UNIT", "unitPrice", unitPrice));
    }

    /** A promotion that ended, a client's negotiated terms, and a credit on one charge. */
    private void discounts(Map<String, String> plans) {
        String url = stack.pricingUrl() + "/api/v1/discounts";
        api.post(url, Map.of("name", "Launch promotion", "type", "PERCENT", "value", "10", "scope", "PLAN",
                "planId", plans.get("USD"), "validFrom", calendar.dataStart().toString(), "validUntil",
                calendar.monthStart(DemoCalendar.MONTHS - 3).toString()), 201);
        api.post(url, Map.of("name", "Northwind volume agreement", "type", "PERCENT", "value", "8", "scope", "CLIENT",
                "client", "northwind"), 201);
        api.post(url, Map.of("name", "API calls: first-year credit", "type", "AMOUNT", "value", "25.00", "currency",
                "EUR", "scope", "CHARGE", "planId", plans.get("EUR"), "chargeKey", "api"), 201);
    }

    /** The catalog reaches billing over Kafka; buckets of a unit type billing has not seen yet are refused. */
    private void awaitUnitTypesInBilling(List<String> names) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        for (String name : names) {
            String probe = stack.billingUrl() + "/api/v1/buckets?size=1&unitType=" + DemoApi.encode(name);
            while (api.call("GET", probe, null).status() != 200) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("billing-service never saw unit type " + name);
                }
                DemoApi.pause(250);
            }
        }
    }
}
