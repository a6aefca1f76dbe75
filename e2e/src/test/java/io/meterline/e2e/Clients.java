package io.meterline.e2e;

import io.meterline.client.billing.ApiClient;
import io.meterline.client.billing.api.ClientsApi;

/** The generated Java client, pointed at the gateway with a caller's token, as an admin's script would use it. */
final class Clients {

    private Clients() {
    }

    static ClientsApi billing(StackUnderTest stack, String token) {
        ApiClient api = new ApiClient();
        api.updateBaseUri(stack.gatewayUrl());
        api.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return new ClientsApi(api);
    }
}
