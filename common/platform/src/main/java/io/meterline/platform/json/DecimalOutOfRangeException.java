package io.meterline.platform.json;

import java.math.BigDecimal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

/** A request decimal outside {@link DecimalBounds}: a 400 naming the field, never a failure further in. */
public class DecimalOutOfRangeException extends InvalidFormatException {

    private static final long serialVersionUID = 1L;

    public DecimalOutOfRangeException(JsonParser parser, BigDecimal value) {
        super(parser, DecimalBounds.RULE, value, BigDecimal.class);
    }
}
