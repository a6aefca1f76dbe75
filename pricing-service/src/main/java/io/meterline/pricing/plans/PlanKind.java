package io.meterline.pricing.plans;

/** Price plans say what a client pays; cost-rate plans, what the same usage costs us. Same structure. */
public enum PlanKind {
    PRICE("price plan", "/api/v1/price-plans"),
    COST("cost-rate plan", "/api/v1/cost-rates");

    private final String label;
    private final String path;

    PlanKind(String label, String path) {
        this.label = label;
        this.path = path;
    }

    public String label() {
        return label;
    }

    public String path() {
        return path;
    }
}
