package io.meterline.localstack.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The demo's prices and costs, one book per currency. Each currency has its own figures, as a real price list
 * would, never a conversion: Meterline never converts money. Amounts are decimal strings, sent as they are.
 *
 * @param vcpuRate base price per committed vCPU-hour in a client's bucket
 * @param storageRate base price per committed GB-day in a client's bucket
 * @param tokens price per token by model: gpt-4o, claude-3-5-sonnet, llama-3.1-70b, then any other model
 * @param apiTiers price per call up to 250,000, up to 2,000,000, and above; then the monthly minimum
 * @param tokenCosts what a token costs us by model, in the same order as {@code tokens}
 * @param costs what a unit costs us: an API call, a vCPU-hour, a GB-day, a GPU-hour
 */
record PriceBook(String currency, String vcpuBase, String vcpuOverage, String vcpuRate, String storageBase,
        String storageOverage, String storageRate, String gpuBase, String gpuOverage, List<String> tokens,
        List<String> apiTiers, List<String> tokenCosts, List<String> costs) {

    /** The models the AI gateway serves, with the provider behind each. */
    static final List<String> MODELS = List.of("gpt-4o", "claude-3-5-sonnet", "llama-3.1-70b");
    static final List<String> PROVIDERS = List.of("azure", "anthropic", "self-hosted");

    static final List<PriceBook> ALL = List.of(
            new PriceBook("USD", "450.00", "0.058", "0.045", "690.00", "0.028", "0.023", "980.00", "2.95",
                    List.of("0.0000060", "0.0000072", "0.0000015", "0.0000050"),
                    List.of("0.0008", "0.0005", "0.0002", "49.00"),
                    List.of("0.0000043", "0.0000054", "0.0000006", "0.0000040"),
                    List.of("0.00006", "0.029", "0.011", "1.72")),
            new PriceBook("EUR", "415.00", "0.054", "0.0415", "640.00", "0.026", "0.0213", "905.00", "2.72",
                    List.of("0.0000055", "0.0000066", "0.0000014", "0.0000046"),
                    List.of("0.00075", "0.00046", "0.00018", "45.00"),
                    List.of("0.0000040", "0.0000050", "0.00000055", "0.0000037"),
                    List.of("0.000055", "0.027", "0.010", "1.58")),
            new PriceBook("GBP", "355.00", "0.046", "0.0355", "545.00", "0.022", "0.0182", "770.00", "2.32",
                    List.of("0.0000048", "0.0000057", "0.0000012", "0.0000040"),
                    List.of("0.00064", "0.00040", "0.00016", "39.00"),
                    List.of("0.0000034", "0.0000043", "0.00000048", "0.0000032"),
                    List.of("0.000047", "0.023", "0.0087", "1.36")));

    /**
     * The USD plan's second version, in effect for the last few months: gpt-4o got cheaper for clients (its margin
     * thinner), the open model cheaper still.
     */
    static final List<String> USD_TOKENS_V2 = List.of("0.0000052", "0.0000072", "0.0000012", "0.0000048");

    static PriceBook of(String currency) {
        return ALL.stream().filter(b -> b.currency().equals(currency)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No demo prices in " + currency));
    }

    /** A bucket's base price: its commit at the book's rate, in cents. */
    static String base(long commit, String rate) {
        return BigDecimal.valueOf(commit).multiply(new BigDecimal(rate)).setScale(2, RoundingMode.HALF_UP)
                .toPlainString();
    }
}
