package io.meterline.metering.apikeys;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A bearer token that looks like a Meterline API key. */
public class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String key;

    public ApiKeyAuthenticationRequest(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
