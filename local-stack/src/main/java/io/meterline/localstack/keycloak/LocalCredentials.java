package io.meterline.localstack.keycloak;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The local stack's generated secrets: user passwords and client secrets, made once and kept in
 * {@code .meterline/credentials} as {@code KEY=value} lines that scripts can source.
 */
public record LocalCredentials(String keycloakUrl, String keycloakAdminPassword, String adminPassword,
        String operatorPassword, String viewerPassword, String automationClientSecret, String consoleClientSecret,
        String billingClientSecret, String projectionClientSecret) {

    public static final String AUTOMATION_CLIENT_ID = "meterline-automation";
    public static final String CONSOLE_CLIENT_ID = "meterline-console";
    /** billing-service's own service account, which reads usage from metering. */
    public static final String BILLING_CLIENT_ID = "meterline-billing";
    /** projection-service's own service account, which reads metering's totals. */
    public static final String PROJECTION_CLIENT_ID = "meterline-projection";
    public static final String REALM = "meterline";

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Reads the file if it exists, else makes new secrets. The Keycloak URL always follows the current port. */
    public static LocalCredentials loadOrCreate(Path file, String keycloakUrl) {
        if (Files.exists(file)) {
            Properties p = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
            }
            return new LocalCredentials(keycloakUrl, required(p, "KEYCLOAK_ADMIN_PASSWORD", file),
                    required(p, "ADMIN_PASSWORD", file), required(p, "OPERATOR_PASSWORD", file),
                    required(p, "VIEWER_PASSWORD", file), required(p, "AUTOMATION_CLIENT_SECRET", file),
                    required(p, "CONSOLE_CLIENT_SECRET", file), required(p, "BILLING_CLIENT_SECRET", file),
                    // Added after the first stacks were made: an older file gets one now (and is rewritten).
                    p.getProperty("PROJECTION_CLIENT_SECRET", secret(32)));
        }
        return new LocalCredentials(keycloakUrl, secret(20), secret(16), secret(16), secret(16), secret(32), secret(32),
                secret(32), secret(32));
    }

    public void write(Path file) {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("KEYCLOAK_URL", keycloakUrl);
        lines.put("REALM", REALM);
        lines.put("TOKEN_URL", tokenUrl());
        lines.put("AUTOMATION_CLIENT_ID", AUTOMATION_CLIENT_ID);
        lines.put("AUTOMATION_CLIENT_SECRET", automationClientSecret);
        lines.put("CONSOLE_CLIENT_ID", CONSOLE_CLIENT_ID);
        lines.put("CONSOLE_CLIENT_SECRET", consoleClientSecret);
        lines.put("BILLING_CLIENT_ID", BILLING_CLIENT_ID);
        lines.put("BILLING_CLIENT_SECRET", billingClientSecret);
        lines.put("PROJECTION_CLIENT_ID", PROJECTION_CLIENT_ID);
        lines.put("PROJECTION_CLIENT_SECRET", projectionClientSecret);
        lines.put("ADMIN_PASSWORD", adminPassword);
        lines.put("OPERATOR_PASSWORD", operatorPassword);
        lines.put("VIEWER_PASSWORD", viewerPassword);
        lines.put("KEYCLOAK_ADMIN_PASSWORD", keycloakAdminPassword);
        StringBuilder text = new StringBuilder("# Meterline local stack credentials, made at the first ./meterline up.\n"
                + "# Local secrets only. Source this file: set -a; . .meterline/credentials; set +a\n");
        lines.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }

    public String issuer() {
        return keycloakUrl + "/realms/" + REALM;
    }

    public String tokenUrl() {
        return issuer() + "/protocol/openid-connect/token";
    }

    private static String required(Properties p, String key, Path file) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(file + " has no " + key + ". Delete it and run ./meterline up --fresh.");
        }
        return value.trim();
    }

    private static String secret(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }
}
