-- The search's page and the meeting's list in name order straight from an index: a short term
-- that matches most names then reads one page of rows instead of sorting thousands. It covers
-- what idx_jobbsoker_treff_synlig did (same predicate, same leading column), so that one goes.
CREATE INDEX idx_jobbsoker_treff_navn ON jobbsoker (rekrutteringstreff_id, etternavn, fornavn, id)
    WHERE er_synlig AND status <> 'SLETTET';
DROP INDEX idx_jobbsoker_treff_synlig;
