package io.meterline.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class LandingPathTest {

    @ParameterizedTest
    @ValueSource(strings = { "/", "/clients", "/clients/c-1?tab=buckets&period=2026-10", "/usage?meter=llm%20tokens" })
    void aPathOfTheConsoleIsKept(String path) {
        assertThat(LandingPath.of(path)).isEqualTo(path);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "https://evil.example/", "//evil.example/x", "/\\evil.example", "\\\\evil.example",
            "javascript:alert(1)", "clients", "/a\r\nSet-Cookie: x=1", "/%zz" })
    void anythingElseGoesHome(String next) {
        assertThat(LandingPath.of(next)).isEqualTo("/");
    }
}
