-- A visibility batch asks, for each person it made visible, whether events wait in the outbox
-- (to wake the relay only then); the outbox can grow while the broker is away.
CREATE INDEX idx_hendelse_utboks_jobbsoker ON hendelse_utboks (jobbsoker_id);
