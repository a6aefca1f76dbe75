package io.meterline.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsrfGuardTest {

    private static CsrfGuard.Call cookieCall(String method, String cookie, String header, String origin) {
        return new CsrfGuard.Call(method, false, true, cookie, header, origin, "http", "console.example:8080");
    }

    @Test
    void readsNeedNoToken() {
        assertThat(CsrfGuard.refusal(cookieCall("GET", null, null, "https://evil.example"))).isEmpty();
        assertThat(CsrfGuard.refusal(cookieCall("head", null, null, null))).isEmpty();
    }

    @Test
    void bearerCallsAndCallsWithoutASessionNeedNoToken() {
        assertThat(CsrfGuard.refusal(new CsrfGuard.Call("POST", true, true, null, null, null, "http", "h"))).isEmpty();
        assertThat(CsrfGuard.refusal(new CsrfGuard.Call("POST", false, false, null, null, null, "http", "h")))
                .isEmpty();
    }

    @Test
    void aChangeNeedsTheHeaderToMatchTheCookie() {
        assertThat(CsrfGuard.refusal(cookieCall("POST", "t0k3n", "t0k3n", null))).isEmpty();
        assertThat(CsrfGuard.refusal(cookieCall("PATCH", "t0k3n", "t0k3n", "http://console.example:8080"))).isEmpty();
        assertThat(CsrfGuard.refusal(cookieCall("PUT", "t0k3n", null, null))).hasValueSatisfying(
                r -> assertThat(r).contains("X-CSRF-Token"));
        assertThat(CsrfGuard.refusal(cookieCall("DELETE", null, "t0k3n", null))).isPresent();
        assertThat(CsrfGuard.refusal(cookieCall("POST", "t0k3n", "t0k3m", null))).hasValueSatisfying(
                r -> assertThat(r).contains("does not match"));
    }

    @Test
    void aChangeFromAnotherOriginIsRefused() {
        assertThat(CsrfGuard.refusal(cookieCall("POST", "t", "t", "https://evil.example"))).isPresent();
        assertThat(CsrfGuard.refusal(cookieCall("POST", "t", "t", "http://console.example:8081"))).isPresent();
        assertThat(CsrfGuard.refusal(cookieCall("POST", "t", "t", "null"))).isPresent();
        // Behind a TLS-terminating proxy the browser's origin is https while the gateway sees http.
        assertThat(CsrfGuard.refusal(cookieCall("POST", "t", "t", "https://console.example:8080"))).isEmpty();
    }
}
