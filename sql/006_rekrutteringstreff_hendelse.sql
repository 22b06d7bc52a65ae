-- The meeting's own event log (spec jobbsoker.md, "Meeting events"). Owned by the meeting
-- lifecycle (src/modules/jobbsoker/treff_*). Append-only; every row is written in the same
-- transaction as the change it records. Meeting events carry no hendelse_data.
CREATE TABLE rekrutteringstreff_hendelse (
    id uuid PRIMARY KEY,
    rekkefolge bigserial NOT NULL UNIQUE,  -- the order events were written in
    rekrutteringstreff_id uuid NOT NULL REFERENCES rekrutteringstreff (id),
    tidspunkt timestamptz NOT NULL,
    hendelsestype text NOT NULL CHECK (hendelsestype IN (
        'OPPRETTET', 'EIER_LAGT_TIL', 'EIER_FJERNET', 'KONTOR_LAGT_TIL', 'OPPDATERT', 'PUBLISERT', 'AVPUBLISERT',
        'TREFF_ENDRET_ETTER_PUBLISERING', 'AVLYST', 'GJENÅPNET', 'FULLFØRT', 'SLETTET')),
    opprettet_av_aktortype text NOT NULL CHECK (opprettet_av_aktortype IN ('ARRANGØR', 'SYSTEM')),
    aktoridentifikasjon text,
    subjekt_id text,
    subjekt_navn text
);
CREATE INDEX idx_rekrutteringstreff_hendelse_treff ON rekrutteringstreff_hendelse (rekrutteringstreff_id, rekkefolge);

-- Meetings created before the log existed start it with their creation and their owners, so
-- that every log begins with OPPRETTET. Later history is not reconstructed: it was not recorded.
INSERT INTO rekrutteringstreff_hendelse (id, rekrutteringstreff_id, tidspunkt, hendelsestype, opprettet_av_aktortype,
                                         aktoridentifikasjon, subjekt_id, subjekt_navn)
SELECT gen_random_uuid(), h.id, h.opprettet_tidspunkt, h.type, 'ARRANGØR', h.opprettet_av_navident, h.subjekt, h.subjekt
FROM (SELECT t.id, t.opprettet_tidspunkt, t.opprettet_av_navident, 'OPPRETTET' AS type, NULL::text AS subjekt, 0 AS nr
      FROM rekrutteringstreff t
      UNION ALL
      SELECT t.id, t.opprettet_tidspunkt, t.opprettet_av_navident, 'EIER_LAGT_TIL', e.eier, e.nr
      FROM rekrutteringstreff t, unnest(t.eiere) WITH ORDINALITY AS e (eier, nr)) h
ORDER BY h.opprettet_tidspunkt, h.id, h.nr;
