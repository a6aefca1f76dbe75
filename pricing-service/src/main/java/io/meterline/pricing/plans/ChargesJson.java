package io.meterline.pricing.plans;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.meterline.contracts.catalog.ChargeSpec;

/**
 * A plan's charges as its jsonb columns hold them: written and read with the service's own ObjectMapper, so a column
 * holds exactly what the API reads and writes. (Entities keep the JSON as text: Hibernate Reactive's JSON type binds
 * objects only, and charges are an array.)
 */
@ApplicationScoped
public class ChargesJson {

    private static final TypeReference<List<ChargeSpec>> CHARGES = new TypeReference<>() {
    };

    @Inject
    ObjectMapper json;

    public String write(List<ChargeSpec> charges) {
        try {
            return json.writeValueAsString(charges);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<ChargeSpec> read(String text) {
        try {
            return json.readValue(text, CHARGES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored charges are unreadable: " + e.getMessage(), e);
        }
    }
}
