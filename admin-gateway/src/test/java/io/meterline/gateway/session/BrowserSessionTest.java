package io.meterline.gateway.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;

import java.util.Set;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.meterline.gateway.GatewayTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.meterline.gateway.routing.DownstreamServices;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The console's login, walked as a browser walks it against the OIDC test server: the gateway sends it to the
 * provider with PKCE, takes the code back, keeps the tokens in an encrypted cookie, and from then on passes the
 * session's access token to the services; a change made with the cookie needs the CSRF token.
 */
@QuarkusTest
@GatewayTest
class BrowserSessionTest {

    private static final String CLIENT = "{\"name\":\"Acme\",\"currency\":\"EUR\"}";

    @OidcWireMock
    WireMockServer provider;

    @BeforeEach
    void reset() {
        DownstreamServices.RECEIVED.clear();
        DownstreamServices.SCRIPT.clear();
        // The token endpoint answers a code as Keycloak does (with expires_in): an admin's code and a viewer's.
        tokensFor("admin-code", "alice", "admin");
        viewerToken = tokensFor("viewer-code", "victor", "viewer");
    }

    private String viewerToken;

    private String tokensFor(String code, String user, String role) {
        String accessToken = OidcWiremockTestResource.getAccessToken(user, Set.of(role));
        provider.stubFor(post("/auth/realms/quarkus/token").withRequestBody(containing("code=" + code))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withTransformers(
                        "response-template").withBody("{\"access_token\":\""
                                + accessToken
                                + "\",\"token_type\":\"Bearer\",\"expires_in\":300,\"refresh_expires_in\":1800,"
                                + "\"refresh_token\":\"refresh-" + code + "\","
                                + "\"id_token\":\"{{basic-scheme-id-token '" + user + "'}}\"}")));
        return accessToken;
    }

    @Test
    void loginGoesThroughTheProviderWithPkceAndLandsOnThePageAskedFor() {
        Browser browser = new Browser();
        Response challenge = browser.get("/login?next=/clients%3Ftab%3Dopen");
        assertThat(challenge.statusCode()).isEqualTo(302);
        Map<String, String> authorize = query(challenge.header("Location"));
        assertThat(authorize).containsEntry("response_type", "code").containsEntry("code_challenge_method", "S256")
                .containsKeys("code_challenge", "state", "redirect_uri");

        Response callback = browser.get(URI.create(authorize.get("redirect_uri")).getPath() + "?code=admin-code&state="
                + authorize.get("state"));
        assertThat(callback.statusCode()).isEqualTo(302);
        assertThat(browser.cookies).containsKey("q_session");
        assertThat(callback.getDetailedCookie("q_session").isHttpOnly()).isTrue();
        assertThat(callback.getDetailedCookie("q_session").getSameSite()).isEqualToIgnoringCase("Lax");

        Response landing = browser.get(URI.create(callback.header("Location")).getRawPath() + "?"
                + URI.create(callback.header("Location")).getRawQuery());
        assertThat(landing.statusCode()).isEqualTo(303);
        assertThat(landing.header("Location")).endsWith("/clients?tab=open");

        browser.request().when().get("/api/v1/whoami").then().statusCode(200)
                .body("name", equalTo("alice"), "roles", org.hamcrest.Matchers.hasItem("admin"));
    }

    @Test
    void theSessionsOwnAccessTokenGoesToTheServices() {
        Browser browser = Browser.loggedIn();
        browser.request().when().get("/api/v1/clients").then().statusCode(200);
        assertThat(DownstreamServices.RECEIVED).singleElement().satisfies(r -> {
            assertThat(r.headers().get("Authorization")).startsWith("Bearer ey");
            assertThat(r.headers()).doesNotContainKey("Cookie");
        });
    }

    @Test
    void aChangeMadeWithTheCookieButWithoutTheCsrfTokenIsRefused() {
        Browser browser = Browser.loggedIn();
        browser.request().contentType("application/json").body(CLIENT).when().post("/api/v1/clients").then()
                .statusCode(403).contentType("application/problem+json")
                .body("detail", containsString(CsrfGuard.HEADER));
        browser.request().contentType("application/json").body(CLIENT).header(CsrfGuard.HEADER, "guessed").when()
                .post("/api/v1/clients").then().statusCode(403).body("detail", containsString("does not match"));
        browser.request().when().delete("/api/v1/clients/c-1").then().statusCode(403);
        assertThat(DownstreamServices.RECEIVED).as("nothing reached a service").isEmpty();
    }

    @Test
    void aChangeFromAnotherSiteIsRefusedEvenWithTheToken() {
        Browser browser = Browser.loggedIn();
        browser.request().contentType("application/json").body(CLIENT).header(CsrfGuard.HEADER, browser.csrf())
                .header("Origin", "https://evil.example").when().post("/api/v1/clients").then().statusCode(403)
                .body("detail", containsString("evil.example"));
        assertThat(DownstreamServices.RECEIVED).isEmpty();
    }

    @Test
    void aChangeWithTheCsrfTokenGoesThrough() {
        Browser browser = Browser.loggedIn();
        browser.request().contentType("application/json").body(CLIENT).header(CsrfGuard.HEADER, browser.csrf())
                .header("Origin", io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port)
                .when().post("/api/v1/clients").then().statusCode(200);
        assertThat(DownstreamServices.RECEIVED).singleElement()
                .satisfies(r -> assertThat(r.body()).isEqualTo(CLIENT));
    }

    @Test
    void aViewersSessionChangesNothing() {
        Browser browser = Browser.loggedIn("viewer-code");
        browser.request().when().get("/api/v1/whoami").then().statusCode(200).body("roles",
                org.hamcrest.Matchers.contains("viewer"));
        // The service that owns the resource decides, seeing the viewer's own token: never one with more rights.
        DownstreamServices.SCRIPT.put("/billing/api/v1/clients", new DownstreamServices.Answer(403,
                Map.of("Content-Type", "application/problem+json"), "{\"status\":403,\"title\":\"Forbidden\"}"));
        browser.request().contentType("application/json").body(CLIENT).header(CsrfGuard.HEADER, browser.csrf())
                .when().post("/api/v1/clients").then().statusCode(403).contentType("application/problem+json");
        assertThat(DownstreamServices.RECEIVED).singleElement().satisfies(r -> assertThat(
                r.headers().get("Authorization")).isEqualTo("Bearer " + viewerToken));
    }

    @Test
    void withoutASessionAnApiCallGets401NotARedirect() {
        given().redirects().follow(false).when().get("/api/v1/whoami").then().statusCode(401)
                .contentType("application/problem+json");
        given().redirects().follow(false).contentType("application/json").body(CLIENT).when()
                .post("/api/v1/clients").then().statusCode(401);
    }

    @Test
    void logoutEndsTheProviderSessionAndDropsTheCookies() {
        Browser browser = Browser.loggedIn();
        Response logout = browser.get("/logout");
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(logout.header("Location")).contains("/protocol/openid-connect/end-session")
                .contains("id_token_hint=").contains("post_logout_redirect_uri=");
        assertThat(logout.getDetailedCookie("q_session").getMaxAge()).isZero();
    }

    private static Map<String, String> query(String url) {
        Map<String, String> params = new HashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return params;
    }

    /** A cookie jar that follows no redirect by itself, so each step of the flow can be checked. */
    private static final class Browser {

        final Map<String, String> cookies = new HashMap<>();

        static Browser loggedIn() {
            return loggedIn("admin-code");
        }

        static Browser loggedIn(String code) {
            Browser browser = new Browser();
            Map<String, String> authorize = query(browser.get("/login").header("Location"));
            Response callback = browser.get(URI.create(authorize.get("redirect_uri")).getPath()
                    + "?code=" + code + "&state=" + authorize.get("state"));
            assertThat(callback.statusCode()).isEqualTo(302);
            // Any API answer hands out the CSRF cookie.
            browser.get("/api/v1/whoami");
            assertThat(browser.cookies).containsKeys("q_session", CsrfGuard.COOKIE);
            return browser;
        }

        String csrf() {
            return cookies.get(CsrfGuard.COOKIE);
        }

        io.restassured.specification.RequestSpecification request() {
            return given().redirects().follow(false).cookies(cookies).filter((req, res, ctx) -> {
                Response response = ctx.next(req, res);
                keep(response);
                return response;
            });
        }

        Response get(String path) {
            return request().urlEncodingEnabled(false).when().get(path);
        }

        private void keep(Response response) {
            response.getDetailedCookies().asList().forEach(c -> {
                if (c.hasMaxAge() && c.getMaxAge() == 0) {
                    cookies.remove(c.getName());
                } else {
                    cookies.put(c.getName(), c.getValue());
                }
            });
        }
    }
}
