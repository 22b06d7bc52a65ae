-- Free-text search over names: one lower-case text holding both name orders ("kari nordmann
-- kari"), stored, so that a search is one LIKE per row instead of two ILIKEs on concatenations.
ALTER TABLE jobbsoker ADD COLUMN sok_tekst text
    GENERATED ALWAYS AS (lower(fornavn || ' ' || etternavn || ' ' || fornavn)) STORED;
CREATE INDEX idx_jobbsoker_treff_synlig ON jobbsoker (rekrutteringstreff_id) WHERE er_synlig AND status <> 'SLETTET';
