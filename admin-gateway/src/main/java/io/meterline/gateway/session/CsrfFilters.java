package io.meterline.gateway.session;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.meterline.gateway.routing.GatewayConfig;
import io.meterline.platform.problem.ProblemException;
import io.meterline.platform.problem.ProblemTypes;
import io.vertx.core.http.HttpServerRequest;

/** Refuses a cookie-authenticated change without the CSRF token, and hands the browser its token. */
public class CsrfFilters {

    /** An instance field: a static one would be frozen into a native image at build time. */
    private final SecureRandom random = new SecureRandom();

    @Inject
    GatewayConfig config;

    @ServerRequestFilter(preMatching = true)
    public void refuseForgedChanges(ContainerRequestContext request, HttpServerRequest http) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        boolean session = request.getCookies().keySet().stream()
                .anyMatch(n -> n.startsWith(CsrfGuard.SESSION_COOKIE_PREFIX));
        var cookie = request.getCookies().get(CsrfGuard.COOKIE);
        CsrfGuard.Call call = new CsrfGuard.Call(request.getMethod(), authorization != null, session,
                cookie == null ? null : cookie.getValue(), request.getHeaderString(CsrfGuard.HEADER),
                request.getHeaderString("Origin"), http.scheme(), http.getHeader("Host"));
        CsrfGuard.refusal(call).ifPresent(reason -> {
            throw new ProblemException(403, ProblemTypes.FORBIDDEN, "Forbidden", reason, List.of());
        });
    }

    /** A browser without a CSRF cookie gets one; the console copies it into the header of each change. */
    @ServerResponseFilter
    public void issueToken(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getCookies().containsKey(CsrfGuard.COOKIE)) {
            return;
        }
        byte[] token = new byte[32];
        random.nextBytes(token);
        // Readable by the console's script (not HttpOnly) by design: that is how it copies it into the header.
        response.getHeaders().add(HttpHeaders.SET_COOKIE, CsrfGuard.COOKIE + "="
                + Base64.getUrlEncoder().withoutPadding().encodeToString(token) + "; Path=/; SameSite=Strict"
                + (config.secureCookies() ? "; Secure" : ""));
    }
}
