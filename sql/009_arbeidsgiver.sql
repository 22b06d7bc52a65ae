-- Employers on a meeting, their industry codes, their hiring needs and their event log (spec
-- arbeidsgiver.md). Owned by the arbeidsgiver module (src/modules/arbeidsgiver). No foreign key
-- to rekrutteringstreff: that table belongs to another module, which this one asks about a
-- meeting through its public header, in the same transaction.
CREATE TABLE arbeidsgiver (
    id uuid PRIMARY KEY,  -- arbeidsgiverTreffId
    rekkefolge bigserial NOT NULL UNIQUE,  -- the order employers were added in
    rekrutteringstreff_id uuid NOT NULL,
    orgnr text NOT NULL CHECK (orgnr ~ '^[0-9]{9}$'),
    orgnavn text NOT NULL,
    status text NOT NULL CHECK (status IN ('AKTIV', 'SLETTET')),
    gateadresse text,
    postnummer text,
    poststed text,
    opprettet_tidspunkt timestamptz NOT NULL
);
-- The same organisation is active at most once per meeting.
CREATE UNIQUE INDEX uq_arbeidsgiver_aktiv_orgnr ON arbeidsgiver (rekrutteringstreff_id, orgnr) WHERE status = 'AKTIV';
CREATE INDEX idx_arbeidsgiver_treff ON arbeidsgiver (rekrutteringstreff_id, rekkefolge);

CREATE TABLE naringskode (
    arbeidsgiver_id uuid NOT NULL REFERENCES arbeidsgiver (id),
    rekkefolge bigserial NOT NULL UNIQUE,
    kode text,
    beskrivelse text,
    UNIQUE (arbeidsgiver_id, kode)
);

CREATE TABLE arbeidsgivers_behov (
    arbeidsgiver_id uuid PRIMARY KEY REFERENCES arbeidsgiver (id),
    arbeidssprak text[] NOT NULL,
    antall integer NOT NULL CHECK (antall BETWEEN 1 AND 99),
    samlede_kvalifikasjoner jsonb NOT NULL,
    ansettelsesformer text[] NOT NULL,
    personlige_egenskaper jsonb NOT NULL,
    oppdatert timestamptz NOT NULL
);

-- Append-only; every row is written in the same transaction as the change it records.
CREATE TABLE arbeidsgiver_hendelse (
    id uuid PRIMARY KEY,
    rekkefolge bigserial NOT NULL UNIQUE,  -- the order events were written in
    arbeidsgiver_id uuid NOT NULL REFERENCES arbeidsgiver (id),
    tidspunkt timestamptz NOT NULL,
    hendelsestype text NOT NULL CHECK (hendelsestype IN ('OPPRETTET', 'OPPDATERT', 'REAKTIVERT', 'BEHOV_ENDRET', 'SLETTET')),
    opprettet_av_aktortype text NOT NULL CHECK (opprettet_av_aktortype IN ('ARRANGØR', 'SYSTEM')),
    aktoridentifikasjon text,
    hendelse_data jsonb
);
CREATE INDEX idx_arbeidsgiver_hendelse_arbeidsgiver ON arbeidsgiver_hendelse (arbeidsgiver_id, rekkefolge);
