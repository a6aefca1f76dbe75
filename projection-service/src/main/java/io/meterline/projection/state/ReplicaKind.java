package io.meterline.projection.state;

/** The records projection keeps a copy of, each as its contract payload (see {@link Replicas}). */
public enum ReplicaKind {
    /** billing's ClientChanged. */
    CLIENT,
    /** billing's BucketChanged, with its asset bindings. */
    BUCKET,
    /** billing's SubscriptionChanged. */
    SUBSCRIPTION,
    /** pricing's PlanVersionPublished (price and cost-rate plans); immutable once published. */
    PLAN_VERSION,
    /** pricing's DiscountChanged. */
    DISCOUNT,
    /** pricing's UnitTypeChanged. */
    UNIT_TYPE
}
