-- Posts on a meeting (arbeidsgiver.md, "Posts"), owned by the treff module. The HTML is stored
-- byte for byte as accepted; rekkefolge orders posts written at the same instant.
CREATE TABLE innlegg (
    id uuid PRIMARY KEY,
    rekrutteringstreff_id uuid NOT NULL REFERENCES rekrutteringstreff (id),
    tittel text NOT NULL,
    opprettet_av_person_navident text NOT NULL,
    opprettet_av_person_navn text NOT NULL,
    opprettet_av_person_beskrivelse text NOT NULL,
    sendes_til_jobbsoker_tidspunkt timestamptz,
    html_content text NOT NULL,
    opprettet_tidspunkt timestamptz NOT NULL,
    sist_oppdatert_tidspunkt timestamptz NOT NULL,
    rekkefolge bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX idx_innlegg_treff ON innlegg (rekrutteringstreff_id, rekkefolge);
