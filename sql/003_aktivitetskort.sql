-- Activity cards. Owned by the aktivitetskort module (src/modules/aktivitetskort).

-- One card per person per meeting, ever.
CREATE TABLE aktivitetskort (
    aktivitetskort_id uuid PRIMARY KEY,
    rekrutteringstreff_id uuid NOT NULL,
    fnr text NOT NULL,
    opprettet timestamptz NOT NULL,
    UNIQUE (rekrutteringstreff_id, fnr)
);

-- Every version of a card, as the exact message sent (or to be sent) to the activity plan.
CREATE TABLE aktivitetskort_versjon (
    message_id uuid PRIMARY KEY,
    versjon bigserial NOT NULL UNIQUE,  -- send order
    aktivitetskort_id uuid NOT NULL REFERENCES aktivitetskort (aktivitetskort_id),
    fnr text NOT NULL,
    hendelse_id uuid,
    tittel text NOT NULL,
    aktivitet_status text NOT NULL,
    fra_tid timestamptz,
    til_tid timestamptz,
    gateadresse text,
    postnummer text,
    poststed text,
    endret_av text NOT NULL,
    endret_av_type text NOT NULL,
    endret_tidspunkt timestamptz NOT NULL,
    melding text NOT NULL,
    sendt_tidspunkt timestamptz
);
CREATE INDEX idx_aktivitetskort_versjon_usendt ON aktivitetskort_versjon (versjon) WHERE sendt_tidspunkt IS NULL;
CREATE INDEX idx_aktivitetskort_versjon_kort ON aktivitetskort_versjon (aktivitetskort_id, versjon);

-- Job seeker events already handled, so a redelivered event makes no second version.
CREATE TABLE aktivitetskort_behandlet_hendelse (
    hendelse_id uuid PRIMARY KEY,
    behandlet timestamptz NOT NULL
);

-- Errors the activity plan sent back, once per (messageId, errorType).
CREATE TABLE aktivitetskort_feil (
    id bigserial PRIMARY KEY,
    message_id uuid NOT NULL,
    error_type text NOT NULL,
    error_message text,
    kafka_key text,
    feil_tidspunkt text,
    mottatt timestamptz NOT NULL,
    UNIQUE (message_id, error_type)
);

CREATE FUNCTION varsle_aktivitetskort_utboks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('aktivitetskort_utboks', '');
    RETURN NULL;
END $$;
CREATE TRIGGER aktivitetskort_versjon_varsel AFTER INSERT ON aktivitetskort_versjon
    FOR EACH STATEMENT EXECUTE FUNCTION varsle_aktivitetskort_utboks();
