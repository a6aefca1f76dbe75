package io.meterline.platform.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

/**
 * A value the JSON reader refuses because nothing behind it could hold it (a decimal outside {@link DecimalBounds},
 * text with U+0000): a 400 naming the field and the rule, never a failure further in.
 */
public class RefusedValueException extends InvalidFormatException {

    private static final long serialVersionUID = 1L;

    private final String rule;

    public RefusedValueException(JsonParser parser, Object value, Class<?> type, String rule) {
        super(parser, rule, value, type);
        this.rule = rule;
    }

    /** What the field broke, as a person is told: "is out of range: ...". */
    public String rule() {
        return rule;
    }
}
