-- Meetings, job seekers and their events. Owned by the jobbsoker module (src/modules/jobbsoker);
-- the visibility columns are written by the synlighet module through that module's public API.
CREATE TABLE rekrutteringstreff (
    id uuid PRIMARY KEY,
    tittel text NOT NULL,
    beskrivelse text,
    fra_tid timestamptz,
    til_tid timestamptz,
    svarfrist timestamptz,
    gateadresse text,
    postnummer text,
    poststed text,
    status text NOT NULL CHECK (status IN ('UTKAST', 'PUBLISERT', 'AVLYST', 'FULLFØRT', 'SLETTET')),
    opprettet_av_navident text NOT NULL,
    opprettet_tidspunkt timestamptz NOT NULL,
    eiere text[] NOT NULL,
    sist_endret timestamptz NOT NULL,
    sist_endret_av text NOT NULL
);

CREATE TABLE jobbsoker (
    id uuid PRIMARY KEY,  -- personTreffId
    rekrutteringstreff_id uuid NOT NULL REFERENCES rekrutteringstreff (id),
    fodselsnummer text NOT NULL,
    fornavn text NOT NULL,
    etternavn text NOT NULL,
    lagt_til_av_navn text,
    status text NOT NULL CHECK (status IN ('LAGT_TIL', 'INVITERT', 'SVART_JA', 'SVART_NEI', 'SLETTET')),
    lagt_til_tidspunkt timestamptz NOT NULL,
    er_synlig boolean NOT NULL DEFAULT TRUE,
    synlighet_sist_oppdatert timestamptz,
    synlighet_kilde text CHECK (synlighet_kilde IN ('EVENT', 'NEED')),
    sperret boolean NOT NULL DEFAULT FALSE,
    UNIQUE (rekrutteringstreff_id, fodselsnummer)
);
-- Every visibility message looks rows up by fnr; the invisible rows are few.
CREATE INDEX idx_jobbsoker_fodselsnummer ON jobbsoker (fodselsnummer);
CREATE INDEX idx_jobbsoker_synlig ON jobbsoker (rekrutteringstreff_id) WHERE er_synlig = FALSE;
-- The need scheduler's question: which fnrs has the engine not evaluated yet.
CREATE INDEX idx_jobbsoker_uten_synlighet ON jobbsoker (fodselsnummer)
    WHERE synlighet_sist_oppdatert IS NULL AND status <> 'SLETTET';

CREATE TABLE jobbsoker_hendelse (
    id uuid PRIMARY KEY,
    rekkefolge bigserial NOT NULL UNIQUE,  -- the order events were written in
    jobbsoker_id uuid NOT NULL REFERENCES jobbsoker (id),
    tidspunkt timestamptz NOT NULL,
    hendelsestype text NOT NULL,
    opprettet_av_aktortype text NOT NULL CHECK (opprettet_av_aktortype IN ('ARRANGØR', 'JOBBSØKER', 'SYSTEM')),
    aktoridentifikasjon text,
    hendelse_data jsonb
);
CREATE INDEX idx_jobbsoker_hendelse_jobbsoker ON jobbsoker_hendelse (jobbsoker_id, rekkefolge);

-- Events that become rapid messages and have not been delivered yet: written in the same
-- transaction as the event, removed when the relay has delivered it.
CREATE TABLE hendelse_utboks (
    hendelse_id uuid PRIMARY KEY REFERENCES jobbsoker_hendelse (id),
    rekkefolge bigint NOT NULL,
    jobbsoker_id uuid NOT NULL REFERENCES jobbsoker (id),
    forsok integer NOT NULL DEFAULT 0,
    siste_feil text
);
CREATE INDEX idx_hendelse_utboks_rekkefolge ON hendelse_utboks (rekkefolge);

-- Which events have been delivered (bus + rapid), and when.
CREATE TABLE aktivitetskort_polling (
    hendelse_id uuid PRIMARY KEY REFERENCES jobbsoker_hendelse (id),
    sendt_tidspunkt timestamptz NOT NULL
);

-- Wakes the relay when a transaction with new outbox rows commits (once per statement).
CREATE FUNCTION varsle_hendelse_utboks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('hendelse_utboks', '');
    RETURN NULL;
END $$;
CREATE TRIGGER hendelse_utboks_varsel AFTER INSERT ON hendelse_utboks
    FOR EACH STATEMENT EXECUTE FUNCTION varsle_hendelse_utboks();
