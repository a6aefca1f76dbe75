-- A voided invoice that was synced to Stripe is voided there too; this records that it was.
ALTER TABLE invoice ADD COLUMN stripe_voided boolean NOT NULL DEFAULT false;
