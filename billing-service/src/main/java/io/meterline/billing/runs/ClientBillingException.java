package io.meterline.billing.runs;

/** Why one client could not be billed in a run; the run goes on with the others and names it. */
class ClientBillingException extends RuntimeException {

    ClientBillingException(String reason) {
        super(reason);
    }

    ClientBillingException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
