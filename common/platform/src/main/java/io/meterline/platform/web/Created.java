package io.meterline.platform.web;

import java.net.URI;

import org.jboss.resteasy.reactive.RestResponse;

/** A 201 answer with the new resource's location and body. */
public final class Created {

    private Created() {
    }

    public static <T> RestResponse<T> at(String location, T body) {
        return RestResponse.ResponseBuilder.<T> created(URI.create(location)).entity(body).build();
    }
}
