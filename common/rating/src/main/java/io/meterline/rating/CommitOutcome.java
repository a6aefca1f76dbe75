package io.meterline.rating;

import java.math.BigDecimal;

/**
 * What a commit-based bucket's period came to. At most one of overage and buffer is non-zero: usage is either above
 * the commit (overage units) or below it (buffer units, and the share of the base price they represent).
 */
public record CommitOutcome(BigDecimal overageUnits, BigDecimal bufferUnits, BigDecimal bufferAmount) {
}
