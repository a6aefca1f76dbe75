package io.meterline.billing.buckets;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A binding: the bucket counts this asset's usage of its meter. An asset is bound at most once per meter. */
@Entity
@Table(name = "bucket_asset")
@IdClass(BucketAsset.Key.class)
public class BucketAsset extends PanacheEntityBase {

    @Id
    @Column(name = "bucket_id")
    public UUID bucketId;

    @Id
    public String asset;

    public String meter;

    @Column(name = "bound_at")
    public Instant boundAt;

    public static class Key implements Serializable {
        public UUID bucketId;
        public String asset;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(k.bucketId, bucketId) && Objects.equals(k.asset, asset);
        }

        @Override
        public int hashCode() {
            return Objects.hash(bucketId, asset);
        }
    }
}
