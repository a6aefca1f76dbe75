package io.meterline.metering.assets;

/** The filters of the asset list; null means "any". */
public record AssetFilter(Boolean isNew, Boolean unassigned, boolean disregarded, String client, String source,
        String search) {
}
