package io.meterline.metering.usage;

import java.math.BigDecimal;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One meter's total for a period, for one customer, asset (or, when the request grouped assets, asset group) and set
 * of dimension values.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "UsageTotal")
public record UsageTotal(@Schema(examples = "llm_tokens") String meter, @Schema(examples = "acme") String customer,
        String asset, @Schema(description = "The asset group, when the request grouped assets.") String assetGroup,
        @Schema(examples = "{\"model\":\"gpt-4o\"}") Map<String, String> dimensions,
        @Schema(type = SchemaType.STRING, examples = "1250000") BigDecimal value) {
}
